// How to find the tabs, panels and live widgets of each HomeIQ frontend. Selectors follow homeiq-facts.md §5.

/** Where the page shows per-service statuses, and which API says what they should be. */
export interface StatusWidget {
  /** Tab to open before reading the cards. */
  readonly tabId: string;
  /** Cards, each with `data-service` and `data-status`. */
  readonly cardSelector: string;
  /** Same-origin API path whose JSON object maps service name → `{ status }`. */
  readonly apiPath: string;
}

/** A counter that must rise while the simulator runs. */
export interface CounterWidget {
  readonly selector: string;
  /** Attribute holding the numeric value. */
  readonly attribute: string;
}

/**
 * Which of the page's own requests are API calls and how they must authenticate (homeiq-facts.md §5 "Auth from the
 * browser": HomeIQ's frontends send `Authorization: Bearer ${VITE_API_KEY}`, baked in at build time).
 */
export interface ApiAuthSpec {
  /** Same-origin request paths that are API calls; each must carry a Bearer credential unless public. */
  readonly apiPath: RegExp;
  /** API paths that are public (health): they must work, with or without a key. */
  readonly publicPath: RegExp;
  /** Public endpoint requested once without any credential; it must answer 2xx. @example '/health' */
  readonly healthPath: string;
}

/** Describes one frontend to the page checks: selectors only, no hard-coded tab count. */
export interface DashboardApp {
  /** Name used in messages and file names (`health-dashboard`). */
  readonly name: string;
  /** Path opened first. @example '/' */
  readonly startPath: string;
  /** Root element that must be visible once the app booted (CSS: it is matched in the page, as every selector here). */
  readonly rootSelector: string;
  /** Every tab/nav element (CSS); tabs are discovered from these. */
  readonly tabSelector: string;
  /** Attribute of a tab element holding its id (`data-tab`, `data-route`). */
  readonly tabIdAttribute: string;
  /** Selector of the clickable tab with this id. */
  readonly tabSelectorFor: (id: string) => string;
  /** Selector of the panel a tab shows. It must become visible, not `aria-busy`, and non-empty. */
  readonly panelSelectorFor: (id: string) => string;
  /** Error state inside a panel. */
  readonly errorSelector: string;
  /**
   * Tab ids that must exist (the facts' list). Discovered tabs outside this list are checked too; a listed tab
   * that is not rendered fails the tab check. @default [] (only discovered tabs)
   */
  readonly expectedTabIds: readonly string[];
  readonly statusWidget?: StatusWidget;
  readonly counterWidget?: CounterWidget;
  /** How the app's API calls authenticate; without it the auth check is skipped. */
  readonly apiAuth?: ApiAuthSpec;
}

/** Paths ending in `/health` are public on every HomeIQ backend and frontend. */
const PUBLIC_HEALTH_PATH = /\/health$/;

/** The 17 tab ids of HomeIQ's health-dashboard at REF (homeiq-facts.md §5). */
export const HOMEIQ_DASHBOARD_TAB_IDS: readonly string[] = [
  'overview', 'setup', 'services', 'dependencies', 'devices', 'events', 'logs', 'sports', 'data-sources',
  'energy', 'analytics', 'alerts', 'hygiene', 'validation', 'synergies', 'evaluation', 'configuration',
];

/** The 11 routes of HomeIQ's ai-automation-ui at REF (homeiq-facts.md §5). */
export const HOMEIQ_AI_UI_ROUTES: readonly string[] = [
  '/blueprint-suggestions', '/', '/proactive', '/ha-agent', '/patterns', '/synergies', '/deployed', '/discovery',
  '/name-enhancement', '/settings', '/admin',
];

/** health-dashboard (:3000): hash-routed tabs `tab-<id>` with panels `#tabpanel-<id>`. */
export const HEALTH_DASHBOARD_APP: DashboardApp = {
  name: 'health-dashboard',
  startPath: '/',
  rootSelector: '[data-testid="dashboard-root"]',
  tabSelector: '[data-testid="tab-navigation"] [role="tab"]',
  tabIdAttribute: 'data-tab',
  tabSelectorFor: (id) => `[data-testid="tab-${id}"]`,
  panelSelectorFor: (id) => `[id="tabpanel-${id}"]`,
  errorSelector: '[data-testid="error-state"]',
  expectedTabIds: HOMEIQ_DASHBOARD_TAB_IDS,
  statusWidget: { tabId: 'overview', cardSelector: '[data-testid="service-card"]', apiPath: '/api/v1/health/services' },
  counterWidget: { selector: '[data-testid="event-counter"]', attribute: 'data-value' },
  // nginx locations that reach a backend (homeiq-facts.md §5 nginx routing; /ingestion/ is the twin's counter route).
  apiAuth: { apiPath: /^\/(api|ingestion|setup-service|log-aggregator|ai-automation|weather|rag-service)\//, publicPath: PUBLIC_HEALTH_PATH, healthPath: '/health' },
};

/** ai-automation-ui (:3001): history-routed pages from the nav bar. */
export const AI_AUTOMATION_UI_APP: DashboardApp = {
  name: 'ai-automation-ui',
  startPath: '/',
  rootSelector: '[data-testid="ai-ui-root"]',
  tabSelector: '[data-testid="app-navigation"] a[data-route]',
  tabIdAttribute: 'data-route',
  tabSelectorFor: (id) => `[data-testid="app-navigation"] a[data-route="${id}"]`,
  panelSelectorFor: (id) => `[data-testid="page-content"][data-route="${id}"]`,
  errorSelector: '[data-testid="error-state"]',
  expectedTabIds: HOMEIQ_AI_UI_ROUTES,
  apiAuth: { apiPath: /^\/api\//, publicPath: PUBLIC_HEALTH_PATH, healthPath: '/health' },
};
