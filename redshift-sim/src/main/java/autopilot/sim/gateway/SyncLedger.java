package autopilot.sim.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bookkeeping shared by the two directions of a connection: which ReadyForQuery messages the
 * backend still owes and to whom, and the transaction status it last reported.
 *
 * <p>Every Query, Sync or FunctionCall sent to the backend yields exactly one ReadyForQuery. The
 * relay registers each such sync point before sending it; the pump retires one per
 * ReadyForQuery. When nothing is outstanding the backend is idle, so the relay may write a
 * synthetic answer without it overtaking a real one.
 */
final class SyncLedger {

    /** Who gets the answers to a sync point. */
    enum Owner {
        /** The client: relay everything. */
        CLIENT,
        /** A Sync the gateway slipped in: relay the answers before it, swallow its ReadyForQuery. */
        GATEWAY_SYNC,
        /** A query the gateway sent for itself: swallow every answer. */
        GATEWAY_QUERY
    }

    private final Deque<Owner> outstanding = new ArrayDeque<>();
    private byte transactionStatus;
    private boolean gatewaySyncFailed;
    private boolean closed;

    SyncLedger(byte initialStatus) {
        this.transactionStatus = initialStatus;
    }

    synchronized void expect(Owner owner) {
        outstanding.addLast(owner);
    }

    /** Owner of the answers the backend is producing now; CLIENT when nothing is registered. */
    synchronized Owner current() {
        Owner head = outstanding.peekFirst();
        return head == null ? Owner.CLIENT : head;
    }

    /** Pump side: a ReadyForQuery arrived; {@code failed} tells whether an error preceded it. */
    synchronized void ready(byte status, boolean failed) {
        Owner owner = outstanding.pollFirst();
        transactionStatus = status;
        if (owner == Owner.GATEWAY_SYNC) {
            gatewaySyncFailed = failed;
        }
        if (outstanding.isEmpty()) {
            notifyAll();
        }
    }

    /** Blocks until the backend owes nothing, then returns its transaction status. */
    synchronized byte awaitIdle() throws IOException {
        while (!outstanding.isEmpty()) {
            if (closed) {
                throw new IOException("backend connection closed");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the backend");
            }
        }
        return transactionStatus;
    }

    /** Whether the last gateway Sync reported an error; reading it clears it. */
    synchronized boolean takeGatewaySyncFailure() {
        boolean failed = gatewaySyncFailed;
        gatewaySyncFailed = false;
        return failed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
