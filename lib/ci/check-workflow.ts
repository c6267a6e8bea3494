// Checks what the schema cannot: that a workflow's commands exist in this repository and that it keeps its promises
// (reports uploaded and summarized even when the gate failed). Pure: the repository is passed in.
import type { Workflow, WorkflowStep } from './workflow-schema.js';

/** The repository facts a workflow is checked against. */
export interface RepositoryFacts {
  /** `scripts` of package.json. */
  readonly scripts: Readonly<Record<string, string>>;
  /** Commands `npx` can run without downloading: package.json `bin` names and installed dependencies. */
  readonly binaries: ReadonlySet<string>;
  /** Gate suite folders (`suites/<name>/`, not starting with `_`). */
  readonly suites: readonly string[];
  /** Node major version package.json's `engines.node` asks for (20). */
  readonly nodeMajor: number;
  /** Whether a path relative to the repository root exists. */
  readonly fileExists: (path: string) => boolean;
}

/** What a workflow must do, beyond valid syntax. */
export interface WorkflowPromises {
  /** A step uploads `reports/` with actions/upload-artifact under `if: always()`. @default true */
  readonly uploadsReports?: boolean;
  /** A step under `if: always()` writes to `$GITHUB_STEP_SUMMARY`. @default true */
  readonly writesSummary?: boolean;
}

/** npm commands that run the script of the same name. */
const NPM_SHORTCUTS = new Set(['test', 'start', 'stop', 'restart']);

/** Returns one line per problem, naming the job, the step and what is wrong; empty when the workflow is fine. */
export function checkWorkflow(workflow: Workflow, repo: RepositoryFacts, promises: WorkflowPromises = {}): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    job.steps.forEach((step, i) => {
      const where = `jobs.${jobId}.steps[${i}]${step.name ? ` ("${step.name}")` : ''}`;
      if (step.run !== undefined) problems.push(...checkRun(step.run, repo).map((p) => `${where}: ${p}`));
      if (step.uses?.startsWith('actions/setup-node@')) {
        const version = String(step.with?.['node-version'] ?? '');
        if (Number.parseInt(version, 10) !== repo.nodeMajor) problems.push(`${where}: node-version "${version}" but package.json engines ask for Node ${repo.nodeMajor}`);
      }
    });
    for (const phase of matrixPhases(job.strategy?.matrix)) {
      if (!repo.suites.includes(phase)) problems.push(`jobs.${jobId}.strategy.matrix: phase "${phase}" has no suite folder suites/${phase}/ (suites: ${repo.suites.join(', ')})`);
    }
    if (promises.uploadsReports ?? true) {
      const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
      if (!upload) problems.push(`jobs.${jobId}: no actions/upload-artifact step uploads reports/`);
      else {
        if (!runsAlways(upload)) problems.push(`jobs.${jobId}: the artifact upload must run with \`if: always()\` (found ${JSON.stringify(upload.if ?? 'no if')}), or a failed gate loses its reports`);
        if (!/^\.?\/?reports\/?$/m.test(String(upload.with?.path ?? ''))) problems.push(`jobs.${jobId}: the artifact upload must upload reports/ (path: ${JSON.stringify(upload.with?.path ?? null)})`);
      }
    }
    if ((promises.writesSummary ?? true) && !job.steps.some((s) => runsAlways(s) && /\$\{?GITHUB_STEP_SUMMARY\}?/.test(s.run ?? ''))) {
      problems.push(`jobs.${jobId}: no step under \`if: always()\` writes the verdict to $GITHUB_STEP_SUMMARY`);
    }
  }
  const inputs = workflow.on.workflow_dispatch?.inputs ?? {};
  for (const option of inputs.phase?.options ?? []) {
    if (option !== 'default' && option !== 'all' && !repo.suites.includes(option)) problems.push(`on.workflow_dispatch.inputs.phase: option "${option}" has no suite folder suites/${option}/`);
  }
  return problems;
}

/** Problems with the commands of one `run:` script: npm scripts, npx binaries and files run by bash/node. */
export function checkRun(script: string, repo: RepositoryFacts): string[] {
  const problems: string[] = [];
  for (const m of script.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([\w:.-]+)|([\w-]+))/g)) {
    const name = m[1] ?? (NPM_SHORTCUTS.has(m[2]!) ? m[2]! : undefined);
    if (name !== undefined && !(name in repo.scripts)) problems.push(`npm script "${name}" is not in package.json (scripts: ${Object.keys(repo.scripts).join(', ')})`);
  }
  for (const m of script.matchAll(/\bnpx\s+(?:--?[\w-]+\s+)*([@\w./-]+)/g)) {
    if (!repo.binaries.has(m[1]!)) problems.push(`npx ${m[1]}: not a bin of package.json or an installed dependency (npx would download it)`);
  }
  for (const m of script.matchAll(/\b(?:bash|sh|node|npx tsx)\s+((?:scripts|bin|lib|bench|fixtures|\.ci)\/[\w./-]+)/g)) {
    if (!repo.fileExists(m[1]!)) problems.push(`${m[1]} does not exist in the repository`);
  }
  for (const m of script.matchAll(/\bsuites\/([\w-]+)/g)) {
    if (!repo.suites.includes(m[1]!)) problems.push(`suites/${m[1]} is not a gate suite (suites: ${repo.suites.join(', ')})`);
  }
  return problems;
}

/** True when the step runs whatever happened before (`always()`), not only on success. */
export function runsAlways(step: WorkflowStep): boolean {
  return typeof step.if === 'string' && /\balways\(\)/.test(step.if);
}

/** Phases named in a matrix: `phase: [a, b]`, or the JSON lists inside a `fromJSON(…)` expression. */
export function matrixPhases(matrix: unknown): string[] {
  if (matrix === undefined) return [];
  const phase = typeof matrix === 'object' && matrix !== null ? (matrix as { phase?: unknown }).phase : matrix;
  if (Array.isArray(phase)) return phase.map(String);
  if (typeof phase !== 'string') return [];
  return [...new Set([...phase.matchAll(/'\[([^\]']*)\]'/g)].flatMap((m) => [...m[1]!.matchAll(/"([\w-]+)"/g)].map((x) => x[1]!)))];
}
