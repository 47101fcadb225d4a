package io.arbiter.law;

/** A rate file that cannot be read; the message names the file and, when there is one, the line. */
public class RateTableException extends RuntimeException {

    RateTableException(String message) {
        super(message);
    }

    RateTableException(String message, Throwable cause) {
        super(message, cause);
    }

    static RateTableException at(String source, int line, String problem) {
        return new RateTableException(source + ", line " + line + ": " + problem);
    }
}
