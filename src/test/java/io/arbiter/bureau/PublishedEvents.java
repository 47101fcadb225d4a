package io.arbiter.bureau;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;

    /** Events published while the server handles a request, which runs on another thread than the test. */
class PublishedEvents {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(SolvencyChanged change) {
        events.add(change);
    }

    @EventListener
    void on(InsolvencyReported insolvency) {
        events.add(insolvency);
    }

    <T> Stream<T> stream(Class<T> type, String registrationNumber, String notificationId) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(event -> switch (event) {
            case SolvencyChanged change -> change.notificationId().equals(notificationId);
            case InsolvencyReported insolvency -> insolvency.registrationNumber().equals(registrationNumber);
            default -> false;
        });
    }
}
