package io.arbiter.dunning;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dunning settings.
 *
 * @param templatesDirectory message templates, {@code <language>/<template>.txt} ({@code fr}, {@code en})
 * @param promiseGrace how long after a promised date escalation stays paused before the promise counts as broken
 * @param supplierName how the messages sign
 */
@ConfigurationProperties("arbiter.dunning")
public record DunningProperties(@DefaultValue("templates/dunning") Path templatesDirectory,
        @DefaultValue("3d") Duration promiseGrace, @DefaultValue("Arbiter") String supplierName) {
}
