// An ESLint rule that keeps the dependency direction of docs/design.md:
//   features -> signers, ledger, pki, store, i18n, config, components
//   signers -> pki;  store -> pki, signers (the selected identity);  ledger -> contracts-abi;  pki imports nothing of the app
//   but the error root (app/errors, which imports nothing) that every layer builds on;
//   a feature reaches another feature only through its index.ts, never its internals.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const appDir = path.join(root, 'app');
const abiDir = path.join(root, 'contracts-abi');

/** Which top-level areas each area of app/ may import. `root` is app/*.tsx (composition). */
const allowed = {
  errors: [],
  pki: ['errors'],
  ledger: ['errors', 'abi'],
  signers: ['errors', 'pki'],
  store: ['errors', 'pki', 'signers'],
  i18n: ['errors'],
  config: ['errors', 'ledger', 'abi'],
  components: ['errors', 'i18n', 'store'],
  features: ['errors', 'signers', 'ledger', 'pki', 'store', 'i18n', 'config', 'components', 'abi'],
  root: ['errors', 'signers', 'ledger', 'pki', 'store', 'i18n', 'config', 'components', 'features', 'abi'],
};

function areaOf(file) {
  if (file.startsWith(abiDir + path.sep)) return { area: 'abi', rest: [] };
  if (!file.startsWith(appDir + path.sep)) return undefined;
  const parts = path.relative(appDir, file).split(path.sep);
  // app/<area>/... belongs to that area; any other file directly in app/ is the composition root.
  if (parts[0] in allowed && parts[0] !== 'root') return { area: parts[0], rest: parts.slice(1) };
  return { area: 'root', rest: [] };
}

function resolveSpecifier(spec, fromFile) {
  if (spec.startsWith('@/')) return path.join(appDir, spec.slice(2));
  if (spec.startsWith('@abi/')) return path.join(abiDir, spec.slice(5));
  if (spec.startsWith('.')) return path.resolve(path.dirname(fromFile), spec);
  return undefined; // a package
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer direction of the app (design.md).' },
    schema: [],
    messages: {
      layer: "'{{from}}' may not import from '{{to}}' (allowed: {{allowed}}).",
      featureInternals: "A feature may use another feature only through its index: import '@/features/{{feature}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    if (!from || from.area === 'abi') return {};
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string') return;
      const target = resolveSpecifier(spec, file);
      if (!target) return;
      const to = areaOf(target) ?? (target.startsWith(appDir) ? { area: 'root', rest: [] } : undefined);
      if (!to || to.area === from.area) {
        if (to && from.area === 'features' && to.rest[0] !== from.rest[0] && to.rest.length > 1 && !/^index(\.tsx?)?$/.test(to.rest[1])) {
          context.report({ node: node.source, messageId: 'featureInternals', data: { feature: to.rest[0] } });
        }
        return;
      }
      if (!allowed[from.area]?.includes(to.area)) {
        context.report({
          node: node.source,
          messageId: 'layer',
          data: { from: from.area, to: to.area, allowed: allowed[from.area]?.join(', ') || 'nothing of the app' },
        });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (n) => check({ source: n.source }) };
  },
};

export default { rules: { layers: rule } };
