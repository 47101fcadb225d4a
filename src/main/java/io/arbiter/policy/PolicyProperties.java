package io.arbiter.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the policy is read from at start-up, the currency its amounts are in, and how large an uploaded file may be.
 *
 * @param tablesDirectory decision tables ({@code *.drl.xlsx}, {@code *.drl.xls}, {@code *.drl.csv}) deployed with the
 *        application; set it with {@code rulesDirectory}. Unset, the version last published in the database serves
 * @param rulesDirectory developer-written DRL ({@code *.drl}) deployed with the application
 * @param sampleWhenUnconfigured with no folders set, deploy the sample policy packaged in the application (the
 *        quickstart's and the pool server's default) instead of requiring a published version
 * @param maxUploadSize per file uploaded to a draft
 * @param refreshInterval how often each replica compares its active version with the database's and publishes a
 *        scheduled version whose date has come, should a notification have been missed
 * @param compiledInAdvance how many approved versions, the last approved first, each replica keeps compiled so that
 *        publishing one is a swap; each holds a compiled policy in memory, and one beyond them is compiled when published
 * @param compileBudget how long checking and compiling an upload (or any version) and running its scenarios may take,
 *        waiting for the compiler included; beyond it the upload is refused, naming where it stopped
 */
@ConfigurationProperties("arbiter.policy")
public record PolicyProperties(@Nullable Path tablesDirectory, @Nullable Path rulesDirectory,
        @DefaultValue("EUR") Currency currency, @DefaultValue("10MB") DataSize maxUploadSize,
        @DefaultValue("10s") Duration refreshInterval, @DefaultValue("10") int compiledInAdvance,
        @DefaultValue("120s") Duration compileBudget, @DefaultValue("false") boolean sampleWhenUnconfigured) {
}
