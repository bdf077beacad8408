// Types of the plain-JavaScript plugin (eslint.config.js loads it without a build step).
import type { Rule } from 'eslint';

declare const plugin: { readonly rules: { readonly layers: Rule.RuleModule } };
export default plugin;
