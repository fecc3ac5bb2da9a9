package io.oneviewinfrakit.plugin;

import java.util.HashMap;
import java.util.Map;

/**
 * An instance being provisioned: known to the plugin (and listed) before OneView knows its profile.
 *
 * <p>Mutable, guarded by its own monitor: Label merges tags into it while the background work runs,
 * and the background work writes whatever tags are current when it creates (or finally updates) the
 * profile.
 */
final class InFlightInstance {

  final String id;
  final InstanceProperties properties;
  final TemplateView template;
  final String logicalId;
  final String namespace;
  /**
   * Applied to the new-profile document before the POST (Networks, Boot, Init); set by
   * Provision before the work is submitted.
   */
  volatile java.util.function.UnaryOperator<io.oneviewinfrakit.oneview.ServerProfile> customize =
      java.util.function.UnaryOperator.identity();

  private final Map<String, String> tags;
  private Phase phase = Phase.RESERVED;
  /** The running OneView task's percentComplete, or -1 when no task of this instance runs. */
  private int percentComplete = -1;
  /** When Provision accepted it (for the elapsed time in log lines). */
  final long startedNanos = System.nanoTime();
  private String serverUri;
  private String profileUri;
  private String lastError;
  private Map<String, String> writtenTags = Map.of();
  private boolean destroyRequested;
  /** Its provision failed and it was dropped: a Destroy from now on goes the listed way. */
  private boolean dropped;
  /** Set once the work is over: visible to refreshes numbered above this. */
  private long finishedAfterSeq = -1;
  private java.time.Instant finishedAt;

  InFlightInstance(String id, InstanceProperties properties, TemplateView template, String logicalId,
      Map<String, String> tags, String namespace, String serverUri) {
    this.id = id;
    this.properties = properties;
    this.template = template;
    this.logicalId = logicalId;
    this.tags = new HashMap<>(tags);
    this.namespace = namespace;
    this.serverUri = serverUri;
  }

  synchronized Envelope envelope() {
    return new Envelope(namespace, id, logicalId, tags, properties.powerOn());
  }

  synchronized Map<String, String> tags() {
    return Map.copyOf(tags);
  }

  /** Merges labels; throws (changing nothing) when the envelope would become too large. */
  synchronized void mergeTags(Map<String, String> labels) {
    EnvelopeCodec.encode(envelope().withMergedTags(labels));
    tags.putAll(labels);
  }

  /** The tags last written to OneView for this instance. */
  synchronized Map<String, String> writtenTags() {
    return writtenTags;
  }

  synchronized void writtenTags(Map<String, String> tags) {
    writtenTags = Map.copyOf(tags);
  }

  synchronized Phase phase() {
    return phase;
  }

  synchronized void phase(Phase phase) {
    this.phase = phase;
    this.percentComplete = -1;
  }

  /** What OneView last said of the running task of this instance. */
  synchronized void progress(io.oneviewinfrakit.oneview.Task task) {
    this.percentComplete = task.percentComplete();
  }

  /** The running task's percentComplete, or -1. */
  synchronized int percentComplete() {
    return percentComplete;
  }

  synchronized String serverUri() {
    return serverUri;
  }

  synchronized void serverUri(String serverUri) {
    this.serverUri = serverUri;
  }

  synchronized String profileUri() {
    return profileUri;
  }

  synchronized void profileUri(String profileUri) {
    this.profileUri = profileUri;
  }

  synchronized String lastError() {
    return lastError;
  }

  synchronized void lastError(String lastError) {
    this.lastError = lastError;
  }

  synchronized boolean destroyRequested() {
    return destroyRequested;
  }

  /**
   * Asks the background work to stop and remove what it created; false when the work is already
   * over (the profile then exists and is destroyed like any listed instance).
   */
  synchronized boolean requestDestroyUnlessFinished() {
    if (finishedAfterSeq >= 0 || dropped) {
      return false;
    }
    destroyRequested = true;
    return true;
  }

  synchronized void markDropped() {
    dropped = true;
  }

  /** Marks the work over unless a destroy was requested first (then the caller must clean up). */
  synchronized boolean finishUnlessDestroyed(long afterSeq, java.time.Instant now) {
    if (destroyRequested) {
      return false;
    }
    finishedAfterSeq = afterSeq;
    finishedAt = now;
    return true;
  }

  /** When the work ended, or null while it runs. */
  synchronized java.time.Instant finishedAt() {
    return finishedAt;
  }

  /** True once the work is over and refresh {@code seq} (started after that) has listed OneView. */
  synchronized boolean visibleIn(long seq) {
    return finishedAfterSeq >= 0 && seq > finishedAfterSeq;
  }
}
