package io.oneviewinfrakit.oneview.scmb;

/**
 * Receives State-Change Message Bus events from a {@link ScmbSubscriber}. Calls come from one
 * thread at a time, in the order the bus delivered the messages. An exception thrown here is
 * logged and the next event is delivered.
 */
public interface ScmbListener {
  /** One resource change. */
  void onEvent(ChangeEvent event);

  /**
   * The subscription was interrupted and is live again: messages sent in between are lost, so
   * whatever was built from events must be re-read through REST. Called once per interruption,
   * after the new subscription is bound and before delivery resumes (so changes made during the
   * re-read arrive afterwards as events), never at the same time as {@link #onEvent}. Not called for the first connection: {@link ScmbSubscriber#start()}
   * returns once it is live, and the caller reads the initial state then.
   */
  default void onResyncNeeded() {}
}
