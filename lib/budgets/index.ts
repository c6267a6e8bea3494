export * from './budget-schema.js';
export * from './evaluate-budgets.js';
export * from './parse-budget.js';
