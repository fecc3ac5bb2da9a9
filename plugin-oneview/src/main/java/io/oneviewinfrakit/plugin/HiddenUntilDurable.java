package io.oneviewinfrakit.plugin;

/**
 * The {@link Destroyer.Outcome} of a destroy this process started and hides meanwhile: once the
 * intent is in OneView the hidden entry is marked finished (and forgotten when a listing no longer
 * shows the instance live); if the destroy stops before that, the instance is listed again with the
 * reason as its last error. {@code onOver} runs when the destroy is over either way.
 */
final class HiddenUntilDurable implements Destroyer.Outcome {

  private final InstanceRegistry registry;
  private final InventoryCache cache;
  private final String id;
  private final InstanceRegistry.Hidden hidden;
  private final Runnable onOver;

  HiddenUntilDurable(InstanceRegistry registry, InventoryCache cache, String id,
      InstanceRegistry.Hidden hidden, Runnable onOver) {
    this.registry = registry;
    this.cache = cache;
    this.id = id;
    this.hidden = hidden;
    this.onOver = onOver;
  }

  @Override
  public void durable() {
    hidden.finished(cache.startedSeq(), cache.now());
  }

  @Override
  public void stoppedBeforeDurable(String reason) {
    registry.hidden.remove(id, hidden);
    registry.lastErrors.put(id, "destroy: " + reason);
  }

  @Override
  public void over() {
    onOver.run();
  }
}
