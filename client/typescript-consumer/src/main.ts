// A TypeScript consumer of the Billing Accounts API: usage `node main.js <basePath>`.
// It reads one billing account through the typescript-fetch client generated from api/openapi.yaml
// and prints its id and updatedAt; any error exits non-zero.
import { BillingAccountsApi, Configuration } from '../../target/generated-sources/typescript';

// The only Node API used here, declared instead of depending on @types/node.
declare const process: { argv: string[]; exitCode?: number };

async function main(basePath: string): Promise<void> {
    const api = new BillingAccountsApi(new Configuration({ basePath, accessToken: 'mock-token' }));
    const account = await api.getBillingAccount({
        workspaceId: 'ws_a1b2c3d4e5f6g7h8',
        billingAccountId: 'cus_a1b2c3d4e5f6g7h8',
    });
    const updatedAt: Date = account.updatedAt;
    console.log(`${account.id} ${updatedAt.toISOString()}`);
}

const basePath = process.argv[2];
if (!basePath) {
    console.error('usage: node main.js <basePath>');
    process.exitCode = 2;
} else {
    main(basePath).catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    });
}
