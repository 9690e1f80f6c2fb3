package org.vigil.cluster.pacemaker;

import java.util.Optional;

/** A {@code tickets/ticket} element (ticket-2.35.rng). */
public record Ticket(String id, Optional<TicketStatus> status, boolean standby, int line) {}
