package io.arbiter.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.arbiter.pool.protocol.Contribution;

/**
 * A trend compares two periods; each period is a figure of its own, so each needs k members that count towards k, or
 * one member alone would decide what every other member reads.
 */
class PoolTrendPrivacyTests extends PoolServerTest {

    @Test
    void a_member_that_shared_only_before_the_window_never_decides_the_twelve_month_trend() {
        String customer = customer();
        for (String member : List.of("member-1", "member-2", "member-3")) {
            share(member, monthsAgo(2), List.of(experience(customer, "ON_TIME", 1)));
        }
        share("member-4", monthsAgo(15), List.of(experience(customer, "OVER_90", 5)));

        JsonNode paidLateBefore = signal(customer);
        assertThat(paidLateBefore.get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(paidLateBefore.get("trend12Months").asString())
                .as("member-4 alone in the 12 months before, and outside the window: it does not count towards k")
                .isEqualTo("UNKNOWN");
        share("member-4", monthsAgo(15), List.of(experience(customer, "ON_TIME", 5)));
        assertThat(signal(customer)).as("nothing member-4 shared changes the answer").isEqualTo(paidLateBefore);

        share("member-4", monthsAgo(15), List.of(experience(customer, "ON_TIME", 100)));
        for (String member : List.of("member-1", "member-2", "member-3")) {
            share(member, monthsAgo(15), List.of(experience(customer, "OVER_90", 1)));
        }
        assertThat(signal(customer).get("trend12Months").asString())
                .as("three members that count reported late payments then, and member-4's 100 invoices weigh nothing")
                .isEqualTo("IMPROVING");
    }

    @Test
    void one_member_alone_in_the_three_months_before_never_decides_the_three_month_trend() {
        String customer = customer();
        for (String member : List.of("member-5", "member-6", "member-7")) {
            share(member, monthsAgo(1), List.of(experience(customer, "ON_TIME", 1)));
        }
        share("member-8", monthsAgo(5), List.of(experience(customer, "OVER_90", 1)));

        JsonNode late = signal(customer);
        assertThat(late.get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(late.get("contributorsBand").asString()).isEqualTo("3-5");
        assertThat(late.get("lateSharePercent").asInt()).as("member-8 counts towards k in the 12 months").isEqualTo(25);
        assertThat(late.get("trend3Months").asString()).as("member-8 is alone in months 4 to 6").isEqualTo("UNKNOWN");

        share("member-8", monthsAgo(5), List.of(experience(customer, "ON_TIME", 1)));
        JsonNode onTime = signal(customer);
        assertThat(onTime.get("lateSharePercent").asInt()).isZero();
        assertThat(onTime.get("trend3Months").asString()).as("member-8 alone cannot flip the trend").isEqualTo("UNKNOWN");

        for (String member : List.of("member-5", "member-6")) {
            share(member, monthsAgo(5), List.of(experience(customer, "OVER_90", 1)));
        }
        assertThat(signal(customer).get("trend3Months").asString())
                .as("three members in months 4 to 6: 2 of 3 invoices late then, none since").isEqualTo("IMPROVING");
    }

    private static Contribution.Experience experience(String customer, String daysBand, int invoices) {
        return new Contribution.Experience(customer, "1K_5K", daysBand, invoices);
    }
}
