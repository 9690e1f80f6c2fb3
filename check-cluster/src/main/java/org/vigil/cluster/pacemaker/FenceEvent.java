package org.vigil.cluster.pacemaker;

import java.util.Optional;

/**
 * A {@code fence_history/fence_event} ({@code status} in 2.x/3.x, {@code state} in legacy XML).
 */
public record FenceEvent(
    String target, String action, FenceStatus status, Optional<String> delegate,
    Optional<String> client, Optional<String> origin, Optional<String> completed,
    Optional<String> exitReason, int line) {}
