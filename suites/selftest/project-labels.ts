// Docker CLI label arguments that make an extra self-test container count as a service of the compose project
// (the labels compose v1 and v2 set, which lib/docker's listProject and the inventory read).
export function composeProjectLabels(project: string, service: string): string[] {
  return [
    '--label', `com.docker.compose.project=${project}`,
    '--label', `com.docker.compose.service=${service}`,
    '--label', 'com.docker.compose.container-number=1',
    '--label', 'com.docker.compose.oneoff=False',
  ];
}
