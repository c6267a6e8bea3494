// `current_images.txt` (000 Task 1.3): repository, tag, id, size and creation date of every image, as a table.
import type { BackupImage } from './backup-record.js';

/** `1.23 GB`/`88.4 MB`/`512 B` in decimal units, as `docker images` prints sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}

/**
 * One row per repository:tag of each image (an image with no tag shows `<none>`), sorted; a header line with the
 * column names. Pure.
 */
export function formatImageCatalog(images: readonly BackupImage[]): string {
  const rows: string[][] = [];
  for (const image of images) {
    const tags = image.repoTags.length > 0 ? image.repoTags : [`${image.ref}`];
    for (const rt of tags) {
      const colon = rt.lastIndexOf(':');
      const slash = rt.lastIndexOf('/');
      const [repo, tag] = colon > slash ? [rt.slice(0, colon), rt.slice(colon + 1)] : [rt, '<none>'];
      rows.push([repo, tag, image.id.replace(/^sha256:/, '').slice(0, 12), formatBytes(image.sizeBytes), String(image.sizeBytes), image.created]);
    }
  }
  const unique = [...new Map(rows.map((r) => [r.join('\t'), r])).values()].sort((a, b) => a.join('\t').localeCompare(b.join('\t')));
  const header = ['REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE', 'SIZE BYTES', 'CREATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...unique.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), ...unique.map(line)].join('\n')}\n`;
}
