/** Marks the moment a person chose a certificate; the verdict marks its end (performance 'verdict'). */
export function markVerdictStart(): void {
  performance.clearMarks('verdict-start');
  performance.clearMarks('verdict-end');
  performance.mark('verdict-start');
}

export function markVerdictEnd(): void {
  if (performance.getEntriesByName('verdict-start', 'mark').length === 0 || performance.getEntriesByName('verdict-end', 'mark').length > 0) return;
  performance.mark('verdict-end');
  performance.measure('verdict', 'verdict-start', 'verdict-end');
}
