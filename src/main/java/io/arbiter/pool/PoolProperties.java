package io.arbiter.pool;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The community pool: {@code client} for a supplier that shares and reads signals, {@code server} for the instance
 * started with the {@code pool} profile.
 */
@ConfigurationProperties("arbiter.pool")
public record PoolProperties(@DefaultValue Client client, @DefaultValue Server server) {

    /**
     * @param baseUrl the pool server's root, e.g. {@code https://pool.example}; unset, Arbiter neither shares nor reads
     *                (decisions say "no pool data")
     * @param memberKey this supplier's API key at the pool ({@code ARBITER_POOL_CLIENT_MEMBER_KEY}); it alone says who
     *                  the supplier is
     * @param pseudonymKey the key every member shares to turn a registration number into the same pseudonym
     *                     ({@code ARBITER_POOL_CLIENT_PSEUDONYM_KEY}); the pool server never has it
     * @param readTimeout how long a decision waits for the pool at worst
     * @param signalCacheTtl how long a signal is reused before the pool is asked again
     * @param contributionCron when the monthly contribution runs (Spring cron, server time zone)
     * @param monthsResent completed months sent at each scheduled run: later payments change earlier months
     */
    public record Client(@Nullable String baseUrl, @Nullable String memberKey, @Nullable String pseudonymKey,
            @DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout,
            @DefaultValue("6h") Duration signalCacheTtl, @DefaultValue("0 0 3 2 * *") String contributionCron,
            @DefaultValue("3") int monthsResent) {

        boolean enabled() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }

    /**
     * @param members the suppliers allowed in, each with its own API key; the name is never shown to another member
     * @param minContributors k: distinct other members that must have reported on a customer in the last
     *                        {@code windowMonths} months for a signal to be given
     * @param giveToGetMonths a member that shared no experience within this many months receives no signal
     * @param requestsPerMinute per member, against enumeration of pseudonyms; over it, 429 with Retry-After
     */
    public record Server(@DefaultValue List<Member> members, @DefaultValue("3") int minContributors,
            @DefaultValue("12") int windowMonths, @DefaultValue("3") int giveToGetMonths,
            @DefaultValue("600") int requestsPerMinute) {

        public Server {
            if (minContributors < 3) {
                throw new IllegalArgumentException("arbiter.pool.server.min-contributors must be at least 3: fewer would"
                        + " let members single one another out");
            }
        }
    }

    public record Member(String name, String key) {

        public Member {
            if (name == null || name.isBlank() || key == null || key.length() < 16) {
                throw new IllegalArgumentException("each arbiter.pool.server.members entry needs a name and a key of at"
                        + " least 16 characters (member " + name + ")");
            }
        }
    }
}
