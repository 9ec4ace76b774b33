// A TypeScript consumer of the Billing Accounts API: usage `node main.js <basePath>`.
// Through the typescript-fetch client generated from api/openapi.yaml it reads one billing account and prints its
// id and updatedAt, then subscribes the account (checking its trial eligibility first), lists its subscriptions,
// the caller's workspaces (archived ones too) and the account's invoices, page by page following `nextCursor`, and
// previews the invoice that raising the subscription's users would bring; then creates a top-level organization and
// a child under it, reports the child's usage and reads its limits, and prints each workspace's pooled seat limit;
// any error exits non-zero.
import {
    BillingAccountsApi,
    Configuration,
    Invoice,
    InvoiceList,
    InvoicePreviewItemIntervalEnum,
    InvoiceStatusEnum,
    InvoicesApi,
    Organization,
    OrganizationLimitReport,
    OrganizationsApi,
    Product,
    ProductLimit,
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
    const pendingAt: Date | null = subscription.pendingEffectiveAt;
    console.log(`subscribed ${subscription.id} ${subscription.status} until ${trialEnd?.toISOString() ?? 'no trial'}`
        + (trialing ? ' (trial)' : '') + (pendingAt ? ` changing at ${pendingAt.toISOString()}` : ''));
    const list = await subscriptions.listSubscriptions({ workspaceId, billingAccountId });
    for (const listed of list.data) {
        const users = listed.productQuantities['users'];
        console.log(`listed ${listed.id} ${listed.status} users ${users ? users.quantity : 0}`);
    }

    const workspaces: WorkspaceList = await new WorkspacesApi(configuration).listWorkspaces();
    for (const workspace of workspaces.data) {
        const archivedAt: Date | null = workspace.archivedAt;
        const pooledSeatLimit: number | null = workspace.pooledSeatLimit;
        console.log(`workspace ${workspace.id} ${workspace.name} archived ${workspace.archived}`
            + (archivedAt ? ` at ${archivedAt.toISOString()}` : '')
            + (pooledSeatLimit !== null ? ` pooled seats ${pooledSeatLimit}` : ''));
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

    // What raising the users to 40 would bring, as Stripe computes it; nothing changes. The items are the complete
    // desired set: a product left out would be removed.
    const preview: Invoice = await invoicesApi.previewInvoice({
        workspaceId,
        billingAccountId,
        invoicePreviewRequest: {
            subscriptionId: subscription.id,
            items: [
                { productType: Product.Locations, quantity: 5, interval: InvoicePreviewItemIntervalEnum.Month },
                { productType: Product.Users, quantity: 40, interval: InvoicePreviewItemIntervalEnum.Month },
            ],
        },
    });
    // An increase's proration credits the unused time of the old quantity: its lines are negative.
    const credited: number = preview.lines.filter((line) => line.amount < 0)
        .reduce((sum, line) => sum + line.amount, 0);
    const finalized: string = preview.number === null ? 'not finalized' : `number ${preview.number}`;
    console.log(`preview of ${subscription.id} users 40: ${preview.total} ${preview.currency}`
        + ` in ${preview.lines.length} line(s), credited ${credited}, ${finalized}`);

    // The example workspace is in pooled mode, so its organizations name no billing account: they all draw on the
    // workspace-wide pool.
    const organizations = new OrganizationsApi(configuration);
    const top: Organization = await organizations.createOrganization({
        workspaceId,
        organizationCreate: { name: 'ACME West', limits: { users: 40 } },
        idempotencyKey: 'example-organization-1',
    });
    const child: Organization = await organizations.createChildOrganization({
        workspaceId,
        organizationId: top.id,
        organizationCreate: { name: 'ACME West Retail', limits: { locations: 4 } },
        idempotencyKey: 'example-organization-2',
    });
    console.log(`organization ${child.id} ${child.name} depth ${child.depth} under ${child.parentOrgId ?? 'none'}`);
    const reported = await organizations.reportOrganizationUsage({
        workspaceId,
        organizationId: child.id,
        productUsage: { locations: 1, users: 6, sso: 0 },
    });
    console.log(`usage ${reported.id} users ${reported.usage.usage.users} subtree ${reported.usage.subtreeUsage.users}`);
    const limits: OrganizationLimitReport = await organizations.getOrganizationLimits({
        workspaceId,
        organizationId: child.id,
    });
    for (const limit of limits.limits) {
        printLimit(limit);
    }
}

function printLimit(limit: ProductLimit): void {
    const bound = limit.context ? ` bound by ${limit.context.type} ${limit.context.name}` : '';
    console.log(`limit ${limit.type} used ${limit.used} of ${limit.total ?? 'unlimited'} free ${limit.free}${bound}`);
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
