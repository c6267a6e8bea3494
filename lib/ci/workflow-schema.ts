// The part of GitHub Actions' workflow syntax phasegate's workflows use, as a zod schema (pure). Strict objects, so
// a typo such as `runs_on:` or `if-no-file-found:` is an error here and not a silently ignored key on GitHub.
import { z } from 'zod';
import { parse } from 'yaml';
import { ConfigError } from '../common/errors.js';

/** `owner/repo@v4`, `owner/repo/path@v4.1.2`, a 40-hex commit, or a local `./action`. Branches (`@main`) are not pins. */
export const PINNED_USES = /^(\.\/.+|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40}))$/;

/** Five cron fields (minute hour day-of-month month day-of-week), as GitHub's `schedule` takes them (UTC). */
const CRON = /^(\S+\s+){4}\S+$/;

const expression = z.string().regex(/\$\{\{.*\}\}/s, 'Must be an expression like ${{ … }}');
const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** One step: exactly one of `uses` and `run`. */
export const stepSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    id: z.string().regex(/^[A-Za-z_][\w-]*$/, 'Must start with a letter or _ and hold only letters, digits, - and _').optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    uses: z.string().regex(PINNED_USES, 'Must pin a version: owner/repo@vN (a major version), a full commit SHA, or ./local').optional(),
    with: stringMap.optional(),
    run: z.string().min(1).optional(),
    shell: z.string().optional(),
    env: stringMap.optional(),
    'working-directory': z.string().optional(),
    'continue-on-error': z.union([z.boolean(), expression]).optional(),
    'timeout-minutes': z.number().positive().optional(),
  })
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'A step needs exactly one of `uses` and `run`');
export type WorkflowStep = z.output<typeof stepSchema>;

/** One job. */
export const jobSchema = z.strictObject({
  name: z.string().optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  'runs-on': z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  permissions: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  environment: z.union([z.string(), z.object({ name: z.string(), url: z.string().optional() })]).optional(),
  concurrency: z.union([z.string(), z.strictObject({ group: z.string(), 'cancel-in-progress': z.union([z.boolean(), z.string()]).optional() })]).optional(),
  'timeout-minutes': z.number().positive().optional(),
  'continue-on-error': z.union([z.boolean(), expression]).optional(),
  strategy: z
    .strictObject({
      matrix: z.union([expression, z.record(z.string(), z.unknown())]),
      'fail-fast': z.union([z.boolean(), expression]).optional(),
      'max-parallel': z.union([z.number().int().positive(), expression]).optional(),
    })
    .optional(),
  env: stringMap.optional(),
  defaults: z.strictObject({ run: z.strictObject({ shell: z.string().optional(), 'working-directory': z.string().optional() }) }).optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  steps: z.array(stepSchema).min(1),
});
export type WorkflowJob = z.output<typeof jobSchema>;

/** A `workflow_dispatch` input. */
export const dispatchInputSchema = z.strictObject({
  description: z.string().min(1),
  type: z.enum(['string', 'choice', 'boolean', 'number', 'environment']).default('string'),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
  options: z.array(z.string()).min(1).optional(),
});

/** The triggers phasegate's workflows use. */
export const triggersSchema = z.strictObject({
  schedule: z.array(z.strictObject({ cron: z.string().regex(CRON, 'Must be five cron fields, e.g. "17 2 * * *"') })).min(1).optional(),
  workflow_dispatch: z.union([z.null(), z.strictObject({ inputs: z.record(z.string(), dispatchInputSchema).optional() })]).optional(),
  push: z.unknown().optional(),
  pull_request: z.unknown().optional(),
});

/** A whole workflow file. */
export const workflowSchema = z.strictObject({
  name: z.string().min(1),
  'run-name': z.string().optional(),
  on: triggersSchema,
  permissions: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  concurrency: z.union([z.string(), z.strictObject({ group: z.string(), 'cancel-in-progress': z.union([z.boolean(), z.string()]).optional() })]).optional(),
  env: stringMap.optional(),
  defaults: z.strictObject({ run: z.strictObject({ shell: z.string().optional(), 'working-directory': z.string().optional() }) }).optional(),
  jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), jobSchema).refine((jobs) => Object.keys(jobs).length > 0, 'A workflow needs at least one job'),
});
export type Workflow = z.output<typeof workflowSchema>;

/**
 * Parses a workflow file's text (YAML 1.2: `on` stays a string key, not the boolean YAML 1.1 makes of it) and
 * validates it. Throws a ConfigError naming the file and every bad field.
 */
export function parseWorkflow(text: string, file: string): Workflow {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML (${(error instanceof Error ? error.message : String(error)).split('\n', 1)[0]})`, { file, cause: error, hint: 'check the indentation around the line named' });
  }
  const parsed = workflowSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${file}: not a valid GitHub workflow: ${z.prettifyError(parsed.error).replace(/\n\s*/g, ' ')}`, { file, cause: parsed.error, hint: 'see https://docs.github.com/actions/reference/workflow-syntax-for-github-actions' });
  }
  return parsed.data;
}
