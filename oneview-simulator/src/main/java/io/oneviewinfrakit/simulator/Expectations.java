package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;

/** The registered {@link Expectation}s, oldest first; used-up ones are dropped. */
final class Expectations {
  private final List<Expectation> pending = new ArrayList<>();

  synchronized void add(Expectation e) {
    pending.add(e);
  }

  /** The expectation answering this request (its use counted), or null for the appliance. */
  synchronized Expectation take(String method, String path) {
    for (int i = 0; i < pending.size(); i++) {
      Expectation e = pending.get(i);
      if (e.matches(method, path)) {
        e.use();
        if (e.usedUp()) {
          pending.remove(i);
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
  }
}
