package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.PluginException;

/**
 * The bound on work in progress: past it a call is refused at once, with the reason, rather than
 * queued behind work a slow or hung appliance is not finishing. InfraKit's group controller calls
 * again on its next check, so a refusal costs one poll interval, while an unbounded queue would cost
 * memory, threads and, once OneView answers again, a burst of stale work.
 */
final class Backlog {

  private Backlog() {}

  static void refuseIfFull(String what, int inProgress, int limit) {
    if (inProgress >= limit) {
      throw new PluginException("refused: " + inProgress + " " + what + " are already in progress "
          + "(the limit is " + limit + "); OneView is slow or not answering. Nothing was changed; "
          + "the group controller retries on its next check");
    }
  }
}
