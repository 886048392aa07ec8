package dev.poolbench.harness.measure;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Stop-the-world GC pauses of this JVM, from the collectors' notifications. Only pauses count:
 * the beans that report concurrent work ({@code ZGC … Cycles}, {@code Shenandoah Cycles}) are
 * skipped, while G1's {@code G1 Concurrent GC} bean reports its Remark and Cleanup pauses and is
 * kept. {@link #take()} returns and resets what was seen since the previous call.
 */
final class GcPauses implements AutoCloseable {

    /** Pauses in a window: how many, their sum and the longest, milliseconds. */
    record Window(long count, double totalMs, double maxMs) {
    }

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private long count;
    private double totalMs;
    private double maxMs;

    GcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (countsPauses(gc.getName()) && gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** True for the collector beans whose notifications are pauses. */
    static boolean countsPauses(String beanName) {
        return !beanName.endsWith("Cycles");
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        double ms = info.getGcInfo().getDuration();
        synchronized (this) {
            count++;
            totalMs += ms;
            maxMs = Math.max(maxMs, ms);
        }
    }

    /** The pauses since the previous call. */
    synchronized Window take() {
        Window w = new Window(count, totalMs, maxMs);
        count = 0;
        totalMs = 0;
        maxMs = 0;
        return w;
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
