package io.cutplan.service.mail;

import io.cutplan.store.NotificationContextDao.IterationFacts;
import java.time.Instant;
import java.util.List;

/**
 * Everything a broadcast e-mail shows: the iteration, the text, who posted it and when, the next update announced
 * (null: none), whether it is the automatic hourly summary, and in test mode who would have received it live
 * ({@code testRecipients}, null outside test mode).
 */
public record BroadcastMail(IterationFacts iteration, String text, String postedBy, Instant postedAt, Instant nextUpdateAt,
                            boolean automatic, List<String> testRecipients) {
    public BroadcastMail {
        testRecipients = testRecipients == null ? null : List.copyOf(testRecipients);
    }
}
