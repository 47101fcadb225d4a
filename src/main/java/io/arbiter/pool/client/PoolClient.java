package io.arbiter.pool.client;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.arbiter.pool.protocol.Contribution;

/** The pool server's member API as a supplier calls it (OpenFeign, built in {@link PoolClientConfiguration}). */
public interface PoolClient {

    @PutMapping(value = "/pool/v1/contributions/{month}", consumes = "application/json", produces = "application/json")
    Contribution.Receipt contribute(@PathVariable("month") String month, @RequestBody Contribution contribution);

    @GetMapping(value = "/pool/v1/signals/{subject}", produces = "application/json")
    Contribution.Signal signal(@PathVariable("subject") String subject);
}
