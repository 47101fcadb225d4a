package io.arbiter.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.arbiter.pool.protocol.Bands;
import io.arbiter.pool.protocol.Contribution;

/**
 * Pools generated from a fixed seed: whatever a contributor that does not count towards k shares, no field of any
 * answer moves. Not counting: a member that shared only before the 12-month window, or a member among fewer than k in
 * one of a trend's periods (for its experiences in that period).
 */
class PoolPrivacyPropertyTests extends PoolServerTest {

    private static final int K = 3;
    private static final int POOLS = 6;
    /**
     * The months shared in, as months ago: both edges of the window (12 in it, 13 not) and of the 3-month periods, and
     * few others, so that the members' months are sent in a few seconds.
     */
    private static final List<Integer> MONTHS = List.of(0, 1, 2, 3, 4, 5, 6, 9, 12, 13, 18, 24);
    private static final List<String> MEMBERS = List.of("member-11", "member-12", "member-13", "member-14", "member-15",
            "member-16", "member-17", "member-18");

    /** member → months ago → customer → days band → invoices: what each member has shared, as the pool holds it. */
    private final Map<String, Map<Integer, Map<String, Map<String, Integer>>>> shared = new TreeMap<>();
    private final Random random = new Random(19);

    @Test
    void nothing_a_contributor_that_does_not_count_towards_k_shares_changes_any_answer() {
        List<String> customers = new ArrayList<>();
        for (int pool = 0; pool < POOLS; pool++) {
            customers.add(generatePool());
        }
        shared.forEach((member, months) -> months.keySet().forEach(month -> send(member, month)));
        Map<String, JsonNode> answers = answers(customers);
        assertThat(answers.values()).as("some answers give both trends, so a change could show")
                .anyMatch(a -> "AVAILABLE".equals(a.get("status").asString())
                        && !"UNKNOWN".equals(a.get("trend3Months").asString())
                        && !"UNKNOWN".equals(a.get("trend12Months").asString()));

        int[] changes = new int[3];
        for (String customer : customers) {
            for (String member : MEMBERS) {
                if (hasShared(member, customer, m -> m <= 12)) {
                    continue;
                }
                if (hasShared(member, customer, m -> m > 12)) {
                    changes[0]++;
                    change("outside the window", member, customer, m -> m > 12, answers, customers);
                }
            }
            for (IntPredicate period : List.<IntPredicate>of(m -> m >= 1 && m <= 3, m -> m >= 4 && m <= 6)) {
                List<String> few = counting(customer, period);
                if (!few.isEmpty() && few.size() < K) {
                    changes[1]++;
                    move(few.get(random.nextInt(few.size())), customer, period, answers, customers);
                }
            }
            List<String> before = counting(customer, m -> m > 12);
            if (!before.isEmpty() && before.size() < K) {
                changes[2]++;
                change("fewer than k in the 12 months before", before.getFirst(), customer, m -> m > 12,
                        answers, customers);
            }
        }
        assertThat(changes).as("changes outside the window, moved out of a 3-month period, in the 12 months before")
                .doesNotContain(0);
    }

    /** A customer on which some members count towards k (1 to 6 of them) and others shared only before the window. */
    private String generatePool() {
        String customer = customer();
        List<String> members = new ArrayList<>(MEMBERS);
        Collections.shuffle(members, random);
        int counting = 1 + random.nextInt(6);
        int outside = 1 + random.nextInt(2);
        for (int i = 0; i < counting + outside; i++) {
            boolean inWindow = i < counting;
            for (int month : MONTHS) {
                if ((inWindow || month > 12) && random.nextInt(100) < 40) {
                    put(members.get(i), month, customer, randomBands());
                }
            }
            if (!hasShared(members.get(i), customer, inWindow ? m -> m <= 12 : m -> m > 12)) {
                List<Integer> months = MONTHS.stream().filter(m -> inWindow == m <= 12).toList();
                put(members.get(i), months.get(random.nextInt(months.size())), customer, randomBands());
            }
        }
        return customer;
    }

    /** The member's experiences of the customer in those months turn around: on time becomes late, late on time. */
    private void change(String why, String member, String customer, IntPredicate months, Map<String, JsonNode> answers,
            List<String> customers) {
        for (int month : months(member, customer, months)) {
            Map<String, Integer> turned = new TreeMap<>();
            shared.get(member).get(month).get(customer).forEach((band, invoices) ->
                    turned.merge(Bands.late(band) ? "ON_TIME" : "OVER_90", invoices * 3 + 1, Integer::sum));
            put(member, month, customer, turned);
            send(member, month);
        }
        assertThat(answers(customers)).as(why + ": " + member + " on " + customer).isEqualTo(answers);
    }

    /**
     * The member's experiences in a 3-month period with fewer than k members move to 9 or 12 months ago: the 12-month
     * figures hold the same invoices, only the lone period changes.
     */
    private void move(String member, String customer, IntPredicate period, Map<String, JsonNode> answers,
            List<String> customers) {
        int to = random.nextBoolean() ? 9 : 12;
        for (int month : months(member, customer, period)) {
            Map<String, Integer> moved = shared.get(member).get(month).remove(customer);
            moved.forEach((band, invoices) -> shared.get(member).computeIfAbsent(to, m -> new TreeMap<>())
                    .computeIfAbsent(customer, c -> new TreeMap<>()).merge(band, invoices, Integer::sum));
            send(member, month);
        }
        send(member, to);
        assertThat(answers(customers)).as("moved out of a period with fewer than k: " + member + " on " + customer)
                .isEqualTo(answers);
    }

    /** Members counting towards k (shared in the last 12 months) that shared in those months. */
    private List<String> counting(String customer, IntPredicate months) {
        return MEMBERS.stream().filter(m -> hasShared(m, customer, month -> month <= 12) && hasShared(m, customer, months))
                .toList();
    }

    private boolean hasShared(String member, String customer, IntPredicate months) {
        return !months(member, customer, months).isEmpty();
    }

    private Set<Integer> months(String member, String customer, IntPredicate months) {
        Set<Integer> found = new TreeSet<>();
        shared.getOrDefault(member, Map.of()).forEach((month, customers) -> {
            if (months.test(month) && customers.containsKey(customer)) {
                found.add(month);
            }
        });
        return found;
    }

    private Map<String, Integer> randomBands() {
        Map<String, Integer> bands = new TreeMap<>();
        for (int i = 0; i <= random.nextInt(2); i++) {
            bands.merge(Bands.DAYS_BEYOND_TERMS.get(random.nextInt(Bands.DAYS_BEYOND_TERMS.size())),
                    1 + random.nextInt(5), Integer::sum);
        }
        return bands;
    }

    private void put(String member, int month, String customer, Map<String, Integer> bands) {
        shared.computeIfAbsent(member, m -> new TreeMap<>()).computeIfAbsent(month, m -> new TreeMap<>()).put(customer, bands);
    }

    /** Replaces the member's month at the pool with what the model holds for it, on every customer. */
    private void send(String member, int month) {
        List<Contribution.Experience> experiences = new ArrayList<>();
        shared.get(member).getOrDefault(month, Map.of()).forEach((customer, bands) -> bands.forEach((band, invoices) ->
                experiences.add(new Contribution.Experience(customer, "1K_5K", band, invoices))));
        share(member, monthsAgo(month), experiences);
    }

    private Map<String, JsonNode> answers(List<String> customers) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        customers.forEach(customer -> answers.put(customer, signal(customer)));
        return answers;
    }
}
