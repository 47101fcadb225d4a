package io.arbiter.limits.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.arbiter.limits.requests.Problems;

/** Cursor paging for the limits API: a page of items, and the next page's address in a {@code Link} header. */
final class Pages {

    static final int MAX = 200;

    /** @param next the cursor of the page after this one, null on the last page */
    record Page<T>(List<T> items, @Nullable String next) {
    }

    private Pages() {
    }

    static int limit(@Nullable Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > MAX) {
            throw Problems.invalid("limit", "must be between 1 and " + MAX);
        }
        return limit;
    }

    static <T> ResponseEntity<Page<T>> answer(List<T> items, int limit, java.util.function.Function<T, String> cursorOf) {
        String next = items.size() == limit ? cursorOf.apply(items.getLast()) : null;
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (next != null) {
            String uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor", next).build().toUriString();
            ok.header(HttpHeaders.LINK, "<" + uri + ">; rel=\"next\"");
        }
        return ok.body(new Page<>(items, next));
    }

    static long sequence(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problems.invalid("cursor", "is not a cursor this API gave (take the Link header's next page as it is)");
        }
    }
}
