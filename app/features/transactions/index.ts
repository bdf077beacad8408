export { TransactionsPage } from './TransactionsPage';
export { parseDraft, parseAmount, formatAmount, currencies, type ParsedDraft, type DraftProblem } from './draft';
