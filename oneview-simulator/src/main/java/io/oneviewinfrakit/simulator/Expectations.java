package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;

/** The registered {@link Expectation}s, oldest first; used-up ones are dropped. */
final class Expectations {
  private final List<Expectation> pending = new ArrayList<>();
  // Every request asks; most tests script nothing, so the common answer must not take the lock.
  private volatile boolean any;

  synchronized void add(Expectation e) {
    pending.add(e);
    any = true;
  }

  /** The expectation answering this request (its use counted), or null for the appliance. */
  Expectation take(String method, String path) {
    if (!any) {
      return null;
    }
    synchronized (this) {
      return takeLocked(method, path);
    }
  }

  private Expectation takeLocked(String method, String path) {
    for (int i = 0; i < pending.size(); i++) {
      Expectation e = pending.get(i);
      if (e.matches(method, path)) {
        e.use();
        if (e.usedUp()) {
          pending.remove(i);
          any = !pending.isEmpty();
        }
        return e;
      }
    }
    return null;
  }

  synchronized int size() {
    return pending.size();
  }

  synchronized void clear() {
    pending.clear();
    any = false;
  }
}
