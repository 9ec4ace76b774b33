package io.billingaccounts.server.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Buckets in this process's memory, for the embedded H2 database that only one process can open anyway. The map
 * holds only callers active within the last two minutes or so: buckets that have refilled (at most a minute after
 * their last use) are dropped every minute.
 */
final class LocalCallerBuckets implements CallerBuckets {

    private final Bandwidth limit;
    private final long capacity;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalCallerBuckets(int requestsPerMinute) {
        this.limit = CallerBuckets.limit(requestsPerMinute);
        this.capacity = requestsPerMinute;
    }

    @Override
    public ConsumptionProbe tryConsume(String caller) {
        // Consuming inside compute() holds the entry's lock, so evictIdle() can never drop a bucket between a
        // lookup and a consumption (which would hand out one token too many).
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        buckets.compute(caller, (key, bucket) -> {
            Bucket current = bucket != null ? bucket : newBucket();
            probe[0] = current.tryConsumeAndReturnRemaining(1);
            return current;
        });
        return probe[0];
    }

    @Override
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    public void evictIdle() {
        buckets.keySet().forEach(caller -> buckets.computeIfPresent(caller,
                (key, bucket) -> bucket.getAvailableTokens() >= capacity ? null : bucket));
    }

    @Override
    public String where() {
        return "in this instance's memory";
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit).build();
    }
}
