package io.arbiter.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The API's one way of paging a list: {@code limit} (1 to a maximum, a default when absent) and an opaque
 * {@code cursor} that the previous page gave in {@code next} and in its {@code Link} header. A cursor this API did not
 * give, or one altered, is a 400 naming {@code cursor}, never an empty page that would look like the end of the list.
 */
public final class Paging {

    private static final String SEPARATOR = "|";

    private Paging() {
    }

    /** The page size asked for, {@code otherwise} when none; a 400 naming {@code limit} when not 1 to {@code max}. */
    public static int limit(@Nullable String limit, int otherwise, int max) {
        if (limit == null || limit.isBlank()) {
            return otherwise;
        }
        int size;
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > max) {
            throw ProblemException.invalidField("limit", "limit must be a whole number from 1 to " + max + " (was '" + limit
                    + "')", "must be a whole number from 1 to " + max);
        }
        return size;
    }

    /** A cursor holding the position after which the next page starts: the sort key of the last item given. */
    public static String cursor(String kind, String... position) {
        String text = kind + SEPARATOR + String.join(SEPARATOR, position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor of this {@code kind} holds, {@code parts} values long, or null when no cursor was sent; a
     * 400 for anything else. {@code check} is run on the parts to refuse a cursor whose values do not parse.
     */
    public static String @Nullable [] position(@Nullable String cursor, String kind, int parts,
            java.util.function.Consumer<String[]> check) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] all = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", parts + 1);
            if (all.length != parts + 1 || !all[0].equals(kind)) {
                throw new IllegalArgumentException("not a " + kind + " cursor");
            }
            String[] position = java.util.Arrays.copyOfRange(all, 1, all.length);
            check.accept(position);
            return position;
        } catch (RuntimeException e) {
            throw badCursor(cursor);
        }
    }

    public static ProblemException badCursor(String cursor) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor",
                "cursor '" + cursor + "' is not one this list gave; pass the 'next' of the previous page as it was, or leave"
                        + " cursor out to start from the first page",
                Map.of("errors", List.of(Map.of("field", "cursor", "message", "is not a cursor this list gave"))));
    }

    /** 200 with the page, and a {@code Link: <this request with cursor=next>; rel="next"} header when a page follows. */
    public static <T> ResponseEntity<Page<T>> ok(Page<T> page) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor", page.next())
                    .build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }
}
