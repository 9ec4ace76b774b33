// A TypeScript consumer of the Billing Accounts API: usage `node main.js <basePath>`.
// Through the typescript-fetch client generated from api/openapi.yaml it reads one billing account and prints its
// id and updatedAt, then subscribes the account (checking its trial eligibility first) and lists its
// subscriptions; any error exits non-zero.
import {
    BillingAccountsApi,
    Configuration,
    Subscription,
    SubscriptionStatusEnum,
    SubscriptionsApi,
    TrialEligibility,
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
