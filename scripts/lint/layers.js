// An ESLint rule that keeps the dependency direction of docs/design.md:
//   features -> shared, signers, ledger, pki, store, i18n, config, components;  shared -> the same minus features
//   signers -> pki;  store -> pki, signers (the selected identity);  ledger -> contracts-abi;  pki imports nothing of
//   the app but the error root (app/errors, which imports nothing) that every layer builds on;
//   a feature never imports another feature (what two features need lives in app/shared); only app/*.tsx composes them;
//   app code imports nothing outside app/ but contracts-abi/ and packages, and each layer only the packages it may.
// eslint-plugin-boundaries could express the layers, but it resolves `@/` and `@abi/` only through an extra
// import resolver package; the two aliases are resolved here in a few lines.
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
  shared: ['errors', 'signers', 'ledger', 'pki', 'store', 'i18n', 'config', 'components', 'abi'],
  features: ['errors', 'shared', 'signers', 'ledger', 'pki', 'store', 'i18n', 'config', 'components', 'abi'],
  root: ['errors', 'shared', 'signers', 'ledger', 'pki', 'store', 'i18n', 'config', 'components', 'features', 'abi'],
};

/** Packages an area's code may not import (a name matches itself and its subpaths; tests may use any). pki
 * runs in Node and the browser without a UI or a ledger; ledger is viem actions and query options, no hooks. */
const forbiddenPackages = {
  errors: ['react', 'react-dom', 'viem', 'wagmi', 'zustand', '@tanstack/react-query', '@tanstack/query-core'],
  pki: ['react', 'react-dom', 'viem', 'wagmi', 'zustand', '@tanstack/react-query', '@tanstack/query-core'],
  ledger: ['react', 'react-dom', 'wagmi', 'zustand', '@tanstack/react-query'],
  signers: ['react', 'react-dom', 'wagmi', 'zustand', '@tanstack/react-query'],
  i18n: ['react', 'react-dom', 'viem', 'wagmi', 'zustand', '@tanstack/react-query'],
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
  if (spec.startsWith('.') || path.isAbsolute(spec)) return path.resolve(path.dirname(fromFile), spec);
  return undefined; // a package
}

const isPackage = (spec, name) => spec === name || spec.startsWith(name + '/');

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer direction of the app (design.md).' },
    schema: [],
    messages: {
      layer: "'{{from}}' may not import from '{{to}}' (allowed: {{allowed}}).",
      featureSideways: "A feature may not import another feature ('{{feature}}'): move what both need to app/shared.",
      outside: "App code may not import '{{spec}}' from outside app/ (only contracts-abi/ and packages).",
      package: "'{{from}}' may not import the package '{{spec}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    if (!from || from.area === 'abi') return {};
    const limits = /\.test\.tsx?$/.test(file) ? [] : (forbiddenPackages[from.area] ?? []);
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string') return;
      const target = resolveSpecifier(spec, file);
      if (!target) {
        if (limits.some((name) => isPackage(spec, name))) {
          context.report({ node: node.source, messageId: 'package', data: { from: from.area, spec } });
        }
        return;
      }
      const to = areaOf(target);
      if (!to) return context.report({ node: node.source, messageId: 'outside', data: { spec } });
      if (to.area === from.area) {
        if (from.area === 'features' && to.rest[0] !== from.rest[0]) {
          context.report({ node: node.source, messageId: 'featureSideways', data: { feature: to.rest[0] } });
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
