package io.arbiter.policy;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Deterministic customers spread over every branch of the shipped tables and hard stops: the same seed always gives the
 * same applicants, so a failing comparison or a benchmark can be rerun exactly. A share of the values sit exactly on the
 * tables' boundaries (turnover 2,000,000 and 50,000,000, grades 20/40/60/80, 6/24/60 months...), and a share of the
 * amounts are round thousands so that exposure sometimes equals a limit or its review ceiling exactly.
 */
final class GeneratedApplicants {

    static final long SEED = 20_240_601L;

    private static final int[] SENIORITY_EDGES = {0, 5, 6, 23, 24, 59, 60, 120};
    private static final long[] TURNOVER_EDGES = {0L, 1_999_999L, 2_000_000L, 2_000_001L, 49_999_999L, 50_000_000L,
            50_000_001L, 200_000_000L};
    private static final int[] GRADE_EDGES = {0, 19, 20, 39, 40, 59, 60, 79, 80, 100};
    private static final int[] DAYS_LATE_EDGES = {0, 4, 5, 14, 15, 29, 30, 59, 60, 120};
    private static final int[] POOL_LATE_SHARE_EDGES = {0, 9, 10, 29, 30, 59, 60, 100};

    private GeneratedApplicants() {
    }

    static Applicant[] generate(int count) {
        return generate(count, SEED);
    }

    static Applicant[] generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Applicant[] applicants = new Applicant[count];
        for (int i = 0; i < count; i++) {
            applicants[i] = next(random, i);
        }
        return applicants;
    }

    private static Applicant next(SplittableRandom random, int index) {
        boolean round = random.nextInt(10) == 0;
        Applicant.Builder builder = Applicant.builder()
                .registrationNumber(String.format("GEN%06d", index))
                .country(random.nextInt(5) == 0 ? "DE" : "FR")
                .publicSector(random.nextInt(7) == 0)
                .seniorityMonths(random.nextInt(4) == 0 ? pick(random, SENIORITY_EDGES) : random.nextInt(121))
                .turnover(turnover(random))
                .paymentTermsDays(new int[] {30, 45, 60}[random.nextInt(3)]);

        if (random.nextInt(5) != 0) {
            int grade = random.nextInt(4) == 0 ? pick(random, GRADE_EDGES) : random.nextInt(101);
            BigDecimal bureauLimit = random.nextInt(4) == 0 ? null : amount(random, 600_000, round);
            builder.bureau(grade, bureauLimit, random.nextInt(7), random.nextInt(8) == 0);
            int status = random.nextInt(20);
            builder.companyStatus(status == 0 ? "INSOLVENCY_PROCEEDINGS" : status == 1 ? "CEASED" : "ACTIVE");
        } else {
            // From the index, not the random stream, so that every other field stays what it was before this fact
            builder.companyStatus("UNKNOWN").bureauLookup(index % 3 == 0 ? "UNAVAILABLE" : "NOT_FOUND");
        }

        if (random.nextInt(4) != 0) {
            int daysLate = random.nextInt(3) == 0 ? pick(random, DAYS_LATE_EDGES) : random.nextInt(121);
            builder.paymentHistory(daysLate, random.nextInt(6));
        }

        builder.insurerCover(random.nextBoolean() ? null : amount(random, 400_000, round));

        if (random.nextInt(3) == 0) {
            int lateShare = random.nextInt(3) == 0 ? pick(random, POOL_LATE_SHARE_EDGES) : random.nextInt(101);
            builder.pool(lateShare, "ON_TIME", new String[] {"IMPROVING", "STABLE", "WORSENING", "UNKNOWN"}[random.nextInt(4)]);
        }

        BigDecimal open = random.nextInt(5) == 0 ? BigDecimal.ZERO : amount(random, 300_000, round);
        BigDecimal overdue = switch (random.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> BigDecimal.ZERO;
            case 8, 9 -> open; // everything overdue
            case 10, 11, 12 -> open.divide(BigDecimal.TWO); // exactly half: the 50 % hard-stop boundary
            default -> fraction(random, open);
        };
        BigDecimal backlog = random.nextInt(3) == 0 ? BigDecimal.ZERO : amount(random, 100_000, round);
        builder.exposure(open, overdue, backlog);
        builder.orderAmount(amount(random, 150_000, round));
        return builder.build();
    }

    private static long turnover(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> TURNOVER_EDGES[random.nextInt(TURNOVER_EDGES.length)];
            case 1 -> random.nextLong(0, 2_000_000L);
            case 2, 3 -> random.nextLong(2_000_000L, 50_000_000L);
            default -> random.nextLong(50_000_000L, 200_000_001L);
        };
    }

    /** A positive amount up to {@code max} on a log-like scale, with cents unless {@code round} (then whole thousands). */
    private static BigDecimal amount(SplittableRandom random, long max, boolean round) {
        long ceiling = switch (random.nextInt(3)) {
            case 0 -> Math.max(1, max / 100);
            case 1 -> Math.max(1, max / 10);
            default -> max;
        };
        if (round) {
            return BigDecimal.valueOf(1000L * random.nextLong(0, ceiling / 1000 + 1));
        }
        return BigDecimal.valueOf(random.nextLong(0, ceiling * 100 + 1), 2);
    }

    private static BigDecimal fraction(SplittableRandom random, BigDecimal of) {
        return of.multiply(BigDecimal.valueOf(random.nextInt(101), 2)).setScale(2, java.math.RoundingMode.DOWN);
    }

    private static int pick(SplittableRandom random, int[] values) {
        return values[random.nextInt(values.length)];
    }
}
