package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.ExceptionHandler;
import dev.poolbench.api.Failure;

/**
 * Replaces the Disruptor's default (fatal, thread-killing) exception handler. The handlers catch
 * everything user code throws, so what arrives here comes from the Disruptor itself — typically
 * a foreign interrupt while a handler waited on its barrier, after which the
 * {@code BatchEventProcessor} would silently skip a sequence. That must not pass unnoticed: it
 * fails the instance (stage name {@value #STAGE}), which cancels it and counts the skipped item
 * cancelled.
 */
final class EngineExceptionHandler implements ExceptionHandler<RingEvent> {
    static final String STAGE = "disruptor";

    private final HandlerHost host;

    EngineExceptionHandler(HandlerHost host) {
        this.host = host;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, RingEvent event) {
        host.fatal(new Failure(event == null ? null : event.input, STAGE, ex));
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        host.fatal(new Failure(null, STAGE, ex));
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        host.fatal(new Failure(null, STAGE, ex));
    }
}
