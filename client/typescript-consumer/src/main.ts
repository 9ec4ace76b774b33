// A TypeScript consumer of the Billing Accounts API: usage `node main.js <basePath>`.
// Through the typescript-fetch client generated from api/openapi.yaml it reads one billing account and prints its
// id and updatedAt, then subscribes the account (checking its trial eligibility first), lists its subscriptions,
// the caller's workspaces (archived ones too) and the account's invoices, page by page following `nextCursor`;
// any error exits non-zero.
import {
    BillingAccountsApi,
    Configuration,
    Invoice,
    InvoiceList,
    InvoiceStatusEnum,
    InvoicesApi,
    Subscription,
    SubscriptionStatusEnum,
    SubscriptionsApi,
    TrialEligibility,
    WorkspaceList,
    WorkspacesApi,
} from '../../target/generated-sources/typescript';

// The only Node API used here, declared instead of depending on @types/node.
declare const process: { argv: string[]; exitCode?: number };

const workspaceId = 'ws_a1b2c3d4e5f6g7h8';
const billingAccountId = 'cus_a1b2c3d4e5f6g7h8';

async function main(basePath: string): Promise<void> {
    const configuration = new Configuration({ basePath, accessToken: 'mock-token' });
    const api = new BillingAccountsApi(configuration);
    const account = await api.getBillingAccount({ workspaceId, billingAccountId });
    const updatedAt: Date = account.updatedAt;
    console.log(`${account.id} ${updatedAt.toISOString()}`);

    const subscriptions = new SubscriptionsApi(configuration);
    const eligibility: TrialEligibility = await subscriptions.getTrialEligibility({ workspaceId, billingAccountId });
    console.log(`trial eligible ${eligibility.trialEligible} for ${eligibility.trialInfo.trialDays} days`);
    const subscription: Subscription = await subscriptions.createSubscription({
        workspaceId,
        billingAccountId,
        subscriptionCreate: { productQuantities: { locations: 5, users: 25 }, metadata: { cost_center: 'CC-1042' } },
        idempotencyKey: 'example-subscription-1',
    });
    const trialEnd: Date | null = subscription.trialEnd;
    const trialing: boolean = subscription.status === SubscriptionStatusEnum.Trialing;
    console.log(`subscribed ${subscription.id} ${subscription.status} until ${trialEnd?.toISOString() ?? 'no trial'}`
        + (trialing ? ' (trial)' : ''));
    const list = await subscriptions.listSubscriptions({ workspaceId, billingAccountId });
    for (const listed of list.data) {
        const users = listed.productQuantities['users'];
        console.log(`listed ${listed.id} ${listed.status} users ${users ? users.quantity : 0}`);
    }

    const workspaces: WorkspaceList = await new WorkspacesApi(configuration).listWorkspaces();
    for (const workspace of workspaces.data) {
        const archivedAt: Date | null = workspace.archivedAt;
        console.log(`workspace ${workspace.id} ${workspace.name} archived ${workspace.archived}`
            + (archivedAt ? ` at ${archivedAt.toISOString()}` : ''));
    }

    // Every invoice, newest first: each page's nextCursor is the next page's `after`, null on the last page.
    // Prism answers each page from the example named in `Prefer`; a real service ignores that header.
    const invoicesApi = new InvoicesApi(configuration);
    const pageExamples = ['newestPage', 'olderPage'];
    let after: string | undefined = undefined;
    let pages = 0;
    let count = 0;
    do {
        const example = pageExamples[Math.min(pages, pageExamples.length - 1)];
        const page: InvoiceList = await invoicesApi.listInvoices({ workspaceId, billingAccountId, limit: 2, after },
            async ({ init }) => ({ headers: { ...(init.headers as Record<string, string>), Prefer: `example=${example}` } }));
        for (const invoice of page.data) {
            printInvoice(invoice);
            count++;
        }
        after = page.nextCursor ?? undefined;
        pages++;
    } while (after !== undefined && pages < 10);
    console.log(`listed ${count} invoice(s) on ${pages} page(s)`);
}

function printInvoice(invoice: Invoice): void {
    const unpaid: boolean = invoice.status === InvoiceStatusEnum.Open;
    const lines = invoice.lines.map((line) => `${line.quantity ?? 0}x${line.productName ?? '?'}`).join(',');
    console.log(`invoice ${invoice.id} ${invoice.status} ${invoice.total} ${invoice.currency} ${lines}`
        + (unpaid ? ' (unpaid)' : ''));
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
