import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layers from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '..', '..');
/** A file of the app, by its path under app/ (the rule reads only the path, so it need not exist). */
const at = (file: string) => path.join(root, 'app', file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('app/layers', layers.rules.layers, {
  valid: [
    { filename: at('features/identity/IdentityPage.tsx'), code: "import { useRegisteredIdentity } from '@/shared';" },
    { filename: at('features/identity/IdentityPage.tsx'), code: "import { useIdentityVerdict } from './queries';" },
    { filename: at('features/governance/GovernancePage.tsx'), code: "import { proposeAddMember } from '@/ledger'; import { useQuery } from '@tanstack/react-query';" },
    { filename: at('shared/trustStore.ts'), code: "import { useLedgerClient } from '@/config';" },
    { filename: at('ledger/trustStore/getAnchors.ts'), code: "import { trustStoreAbi } from '@abi/TrustStore'; import { readContract } from 'viem/actions';" },
    { filename: at('pki/x509/certificate.ts'), code: "import { sha256 } from '@noble/hashes/sha2.js'; import { toHex } from '../bytes';" },
    { filename: at('pki/cms/verifyParty.test.ts'), code: "import { hashTypedData } from 'viem';" },
    { filename: at('store/drafts.ts'), code: "import { create } from 'zustand';" },
    { filename: at('App.tsx'), code: "import { TrustStorePage } from '@/features/trust-store'; const page = import('@/features/identity');" },
  ],
  invalid: [
    // a feature reaching sideways into another, through its index or its internals
    { filename: at('features/transactions/TransactionsPage.tsx'), code: "import { IdentityPage } from '@/features/identity';", errors: [{ messageId: 'featureSideways' }] },
    { filename: at('features/governance/GovernancePage.tsx'), code: "import { x } from '../trust-store/TrustStorePage';", errors: [{ messageId: 'featureSideways' }] },
    // app code importing from outside app/ (scripts, e2e, relay), by a relative path
    { filename: at('features/identity/IdentityPage.tsx'), code: "import { developmentAccount } from '../../../scripts/dev/accounts';", errors: [{ messageId: 'outside' }] },
    { filename: at('ledger/networks.ts'), code: "export * from '../../relay/config';", errors: [{ messageId: 'outside' }] },
    // upward and unlisted imports between layers
    { filename: at('ledger/trustStore/getAnchors.ts'), code: "import { useNetwork } from '@/config';", errors: [{ messageId: 'layer' }] },
    { filename: at('pki/x509/certificate.ts'), code: "import { LedgerError } from '@/ledger';", errors: [{ messageId: 'layer' }] },
    { filename: at('shared/verdict.ts'), code: "import { IdentityPage } from '@/features/identity';", errors: [{ messageId: 'layer' }] },
    { filename: at('signers/pkcs12.ts'), code: "const m = import('@/store');", errors: [{ messageId: 'layer' }] },
    // packages a layer may not use
    { filename: at('ledger/trustStore/queries.ts'), code: "import { useQuery } from '@tanstack/react-query';", errors: [{ messageId: 'package' }] },
    { filename: at('ledger/identity/getIdentity.ts'), code: "import { useReadContract } from 'wagmi';", errors: [{ messageId: 'package' }] },
    { filename: at('ledger/blocks.ts'), code: "import { useEffect } from 'react';", errors: [{ messageId: 'package' }] },
    { filename: at('pki/path/validate.ts'), code: "import { hexToBytes } from 'viem';", errors: [{ messageId: 'package' }] },
    { filename: at('pki/index.ts'), code: "import type { JSX } from 'react/jsx-runtime';", errors: [{ messageId: 'package' }] },
    { filename: at('pki/path/validate.ts'), code: "import { create } from 'zustand';", errors: [{ messageId: 'package' }] },
  ],
});
