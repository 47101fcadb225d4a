package io.arbiter.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What makes two expressions "alike" for the structural check: only their plain literals may differ. */
class ExpressionShapeTests {

    @Test
    void rows_that_differ_only_in_their_numbers_and_texts_have_one_shape() {
        assertThat(ExpressionShape.of("turnover >= 150000, turnover < 2000000.50"))
                .isEqualTo(ExpressionShape.of("turnover >= 0, turnover < 7"));
        assertThat(ExpressionShape.of("score.add(\"Bureau grade \\\"A\\\"\", 25);"))
                .isEqualTo(ExpressionShape.of("score.add(\"\", 3);"));
        assertThat(ExpressionShape.of("segment == 'SME'")).isEqualTo("segment == ''");
    }

    @Test
    void anything_but_a_plain_literal_keeps_its_own_shape() {
        assertThat(ExpressionShape.of("turnover >= 0x7F")).isNotEqualTo(ExpressionShape.of("turnover >= 0"));
        assertThat(ExpressionShape.of("score.add(\"X\", 1); Runtime.getRuntime().exit(1);"))
                .isNotEqualTo(ExpressionShape.of("score.add(\"X\", 1);"));
        assertThat(ExpressionShape.of("limit.internal(1.class)")).contains("1.class");
        assertThat(ExpressionShape.of("field2 == 3")).startsWith("field2 ==");
        assertThat(ExpressionShape.of("x == \"\"\"\n text block\"\"\"")).contains("text block");
        assertThat(ExpressionShape.of("x == \"unterminated\n+ code()")).contains("code()");
        // A quote in a comment must not start a literal that swallows the code after it.
        assertThat(ExpressionShape.of("/* \" */ Runtime.getRuntime().exit(0); /* \" */")).contains("exit(0)");
        assertThat(ExpressionShape.of("score.add(\"X\", 1); // it's \n System.exit(0);")).contains("System.exit(0)");
    }
}
