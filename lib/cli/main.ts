// The `phasegate` command line. The gates themselves run as `npx vitest run suites/<phase>`;
// the CLI holds the operations around them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../common/exit-codes.js';
import { isPhasegateError } from '../common/errors.js';
import { maskSecrets } from '../common/secrets.js';
import { ExecaCommandRunner, type CommandRunner } from '../system/command-runner.js';
import { formatDoctorTable, prerequisitesMet } from '../system/doctor-table.js';
import { checkPrerequisites } from '../system/prerequisites.js';
import { rebuildCommand } from './rebuild-command.js';
import { reportCommand } from './report-command.js';
import { inventoryCommand } from './inventory-command.js';
import { stackCommand } from './stack-command.js';
import { baselineCommand } from './baseline-command.js';
import { backupCommand } from './backup-command.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `usage: phasegate <command>

commands:
  doctor     check every prerequisite (Docker daemon, compose, chromium, base image, …) and print the fix for each
  inventory  the services, ports, healthchecks, start order and anomalies of a compose project (phasegate inventory --help)
  stack      up | down | status | fault — drive the reference stack by hand (phasegate stack --help)
  rebuild    <phase> [--dry-run] [--resume] — run a phase's rebuild plan (phasegate rebuild --help)
  rollback   return the last rebuild to its recorded images, verified
  report     re-render, list (--list) or judge (--check) stored runs (phasegate report --help)
  baseline   capture | show | compare <phase> — the latency baseline P1-SC7 compares with (phasegate baseline --help)
  backup     create | verify <dir> | restore <dir> — Phase 0 Story 1 backup, verified (phasegate backup --help)
  version    print the phasegate version
  help       this text

gates run through vitest:
  npx vitest run suites/phase1     the Phase 1 gate (reference target by default)
  npm run gate                     bootstrap, then the Phase 1 gate

exit codes: 0 ok, 1 gate failed, ${ExitCode.PrerequisiteMissing} prerequisite missing, ${ExitCode.BackupFailed} backup failed, ${ExitCode.ConfigInvalid} config invalid, 2 usage error`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  readonly runner: CommandRunner;
  /** Working directory (config search, relative paths). @default process.cwd() */
  readonly cwd: string;
}

/** Runs the CLI and returns the exit code (never calls process.exit). */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const out = io.out ?? ((t: string) => process.stdout.write(`${t}\n`));
  const err = io.err ?? ((t: string) => process.stderr.write(`${t}\n`));
  const env = io.env ?? process.env;
  const runner = io.runner ?? new ExecaCommandRunner();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'doctor': {
        const results = await checkPrerequisites({ runner, rootDir: ROOT, env });
        const table = formatDoctorTable(results);
        if (rest.includes('--json')) out(JSON.stringify(results, null, 2));
        else out(table);
        return prerequisitesMet(results) ? ExitCode.Ok : ExitCode.PrerequisiteMissing;
      }
      case 'inventory':
        return await inventoryCommand(rest, { out, err, env, cwd: io.cwd ?? process.cwd(), rootDir: ROOT });
      case 'stack':
        return await stackCommand(rest, out);
      case 'rebuild':
      case 'rollback':
        return await rebuildCommand(command, rest, out, err, { env, cwd: io.cwd ?? process.cwd() });
      case 'report':
        return reportCommand(rest, { out, err, env });
      case 'baseline':
        return await baselineCommand(rest, { out, err, rootDir: io.cwd ?? process.cwd() });
      case 'backup':
        return await backupCommand(rest, { out, err, env, cwd: io.cwd ?? process.cwd(), rootDir: ROOT });
      case 'version':
      case '--version':
      case '-v': {
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
        out(`phasegate ${pkg.version}`);
        return ExitCode.Ok;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return ExitCode.Ok;
      default:
        err(`phasegate: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (isPhasegateError(error)) {
      err(`phasegate: ${error.message}`);
      if (error.code === 'PHASEGATE_CONFIG_INVALID') return ExitCode.ConfigInvalid;
      if (error.code === 'PHASEGATE_BACKUP_FAILED') return ExitCode.BackupFailed;
      if (error.code === 'PHASEGATE_UNSAFE_TARGET' || error.code === 'PHASEGATE_REBUILD_FAILED') return 2;
      return error.code === 'PHASEGATE_PREREQUISITE_MISSING' ? ExitCode.PrerequisiteMissing : ExitCode.SetupFailed;
    }
    err(`phasegate: unexpected error: ${maskSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
    return ExitCode.SetupFailed;
  }
}
