// What each phase expects the versions to be, as data (criteria.md thresholds with their plan lines). Where the plans
// contradict each other the expectation takes the config's choice (lib/config/contradictions.ts D8.3, D8.9).
import type { ExpectedPin } from './expect-pin.js';
import type { GrepRule } from './grep-tree.js';

/** D8.3 choices: the FastAPI range in the base file. */
export type FastapiChoice = 'plan-001-range' | 'floor-002';
/** D8.9 choices: aiosqlite after the SQLite removal. */
export type AiosqliteChoice = 'plan-002' | 'sqlite-removed';

/** The contradiction choices the version audits depend on. */
export interface VersionChoices {
  /** @default 'plan-001-range' */
  readonly 'D8.3': FastapiChoice;
  /** @default 'plan-002' */
  readonly 'D8.9': AiosqliteChoice;
}

/** The defaults of {@link VersionChoices} (the same as lib/config's). */
export const DEFAULT_VERSION_CHOICES: VersionChoices = { 'D8.3': 'plan-001-range', 'D8.9': 'plan-002' };

/** P1-S1-AC1: SQLAlchemy in the base file (002 L78; 001 L379). */
export const SQLALCHEMY_PIN: ExpectedPin = { package: 'sqlalchemy', specifier: '>=2.0.46,<3.0.0', source: '002 L78, 001 L379' };
/** P1-S1-AC2: aiosqlite in the base file (002 L79; 001 L380). */
export const AIOSQLITE_PIN: ExpectedPin = { package: 'aiosqlite', specifier: '>=0.22.1,<0.23.0', source: '002 L79, 001 L380' };

/** P1-S1-AC3: the ranges "properly configured" — FastAPI per D8.3, pydantic and httpx kept (001 L381-383). */
export function phase1RangePins(choices: VersionChoices): ExpectedPin[] {
  const fastapi: ExpectedPin = choices['D8.3'] === 'plan-001-range'
    ? { package: 'fastapi', specifier: '>=0.119.0,<0.130.0', source: '001 L381, D8.3 plan-001-range' }
    : { package: 'fastapi', specifier: '>=0.119.0', match: 'within', source: '002 L55, D8.3 floor-002' };
  return [
    fastapi,
    { package: 'pydantic', specifier: '>=2.12.5,<3.0.0', source: '001 L382 (keep current)' },
    { package: 'httpx', specifier: '>=0.28.1,<0.29.0', source: '001 L383 (keep current)' },
  ];
}

/** P1-S10-AC1 and P4-T1: the six npm packages at exact versions (002 L511-520; 001 L943-962). */
export const PHASE1_NPM_VERSIONS: Readonly<Record<string, string>> = {
  '@vitejs/plugin-react': '5.1.2',
  'typescript-eslint': '8.53.0',
  vitest: '4.0.17',
  '@playwright/test': '1.58.1',
  'happy-dom': '20.5.0',
  msw: '2.12.8',
};

/** P2-B6: the Phase 2 test libraries (001 §2.8 L638-649). */
export const PHASE2_NPM_VERSIONS: Readonly<Record<string, string>> = { vitest: '4.0.17', '@playwright/test': '1.58.1', 'happy-dom': '20.5.0', msw: '2.12.8' };

/** The two frontends (package.json + Dockerfile with `FROM node:`). */
export const FRONTEND_APPS = ['health-dashboard', 'ai-automation-ui'] as const;

/** P2-T1: requirements-base Phase 2 pins (001 §2.1 L519-530). */
export const PHASE2_BASE_PINS: readonly ExpectedPin[] = [
  { package: 'pytest', specifier: '>=9.0.2,<10.0.0', source: '001 L525' },
  { package: 'tenacity', specifier: '>=9.1.2,<10.0.0', source: '001 L527' },
  { package: 'influxdb3-python', specifier: '>=0.17.0,<1.0.0', source: '001 L529' },
];

/** The Phase 3 ML services (001 L679). */
export const PHASE3_ML_SERVICES = ['ml-service', 'ai-pattern-service', 'ha-ai-agent-service', 'rule-recommendation-ml'] as const;

/** P3-T2: the file each ML service gets (001 §3.2 L729-754). */
export const PHASE3_REQUIREMENTS_FILE = 'requirements-phase3.txt';

/** P3-T2: the pins of requirements-phase3.txt, as the plan's heredoc writes them (001 L736-746). */
export const PHASE3_PINS: readonly ExpectedPin[] = [
  { package: 'numpy', specifier: '>=2.4.2,<3.0.0', source: '001 L736' },
  { package: 'pandas', specifier: '>=3.0.0,<4.0.0', source: '001 L737' },
  { package: 'scipy', specifier: '>=1.17.0,<2.0.0', source: '001 L738' },
  { package: 'scikit-learn', specifier: '>=1.8.0,<2.0.0', source: '001 L739' },
  { package: 'openai', specifier: '>=2.16.0,<3.0.0', source: '001 L742' },
  { package: 'tiktoken', specifier: '>=0.12.0,<1.0.0', source: '001 L743' },
];

/** P3-T6b: ml-service runtime versions (001 L837-844): NumPy 2.x, Pandas 3.x, scikit-learn >= 1.8. */
export const PHASE3_ML_RUNTIME: readonly ExpectedPin[] = [
  { package: 'numpy', specifier: '>=2,<3', source: '001 L898' },
  { package: 'pandas', specifier: '>=3,<4', source: '001 L898' },
  { package: 'scikit-learn', specifier: '>=1.8', source: '001 L687' },
];

/** P3-SC1: every ML service on NumPy 2.x and Pandas 3.x (001 L898). */
export const PHASE3_SC1_RUNTIME: readonly ExpectedPin[] = PHASE3_ML_RUNTIME.slice(0, 2);

/** P4-D1: the conservative path keeps these majors (001 L927-931). */
export const PHASE4_MAJORS: Readonly<Record<string, number>> = { react: 18, 'react-dom': 18, vite: 6, tailwindcss: 3 };

/** P4-D2: Vite 7 needs Node >= 20.19 (001 L935); audited on the Dockerfile `FROM node:` tag (D8.7). */
export const PHASE4_NODE_MINIMUM = '20.19';

const PY = /\.py$/;
const REQS = /^requirements.*\.txt$/;

/** P2-T2c: asyncio-mqtt gone from requirements and imports (001 §2.2.3 L544-553). */
export const ASYNCIO_MQTT_RULES: readonly GrepRule[] = [
  { name: 'asyncio-mqtt requirement', pattern: /^\s*asyncio[-_.]mqtt\b/i, fileName: REQS },
  { name: 'asyncio_mqtt import', pattern: /^\s*(from|import)\s+asyncio_mqtt\b/, fileName: PY },
];

/** P2-T2d: no `influxdb_client` (v2 client) imports left; influxdb3-python imports `influxdb_client_3` (001 §2.2.4 L555-560). */
export const INFLUXDB_CLIENT_RULES: readonly GrepRule[] = [
  { name: 'influxdb_client import', pattern: /^\s*(from|import)\s+influxdb_client(\.|\s|$)/, fileName: PY },
  { name: 'influxdb-client requirement', pattern: /^\s*influxdb[-_.]client\s*([<>=!~;[]|$)/i, fileName: REQS },
];

/**
 * P3-T3: heuristics for code the Phase 3 upgrades break (001 §3.3-3.5 L756-816): `DataFrame.append` (removed in
 * pandas 2), the legacy global NumPy RNG, and the openai < 1.0 module-level API. Heuristics: a hit is a lead, not proof.
 */
export const PHASE3_CODE_RULES: readonly GrepRule[] = [
  { name: 'DataFrame.append (removed; use pd.concat)', pattern: /\b(df|frame|dataframe|data_frame)\w*\.append\(|DataFrame\.append\(/i, fileName: PY },
  { name: 'legacy np.random global RNG (use np.random.default_rng)', pattern: /\bnp\.random\.(seed|rand|randn|randint|random_sample|choice|shuffle|permutation|normal|uniform)\(/, fileName: PY },
  { name: 'openai < 1.0 module-level API (use OpenAI() client)', pattern: /\bopenai\.(ChatCompletion|Completion|Embedding|Image|Moderation)\.(a?create)\b|\bopenai\.api_key\s*=|\bopenai\.error\./, fileName: PY },
];
