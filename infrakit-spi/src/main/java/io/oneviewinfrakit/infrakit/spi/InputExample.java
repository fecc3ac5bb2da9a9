package io.oneviewinfrakit.infrakit.spi;

/**
 * Optional capability of a plugin: an example of valid {@code Properties}, shown by
 * {@code GET /info/api.json} so users can see what to write in a group config.
 */
public interface InputExample {
  RawJson exampleProperties();
}
