package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link EnclosureGroupClient} over the REST API. Thread-safe. */
final class RealEnclosureGroupClient implements EnclosureGroupClient {
  static final String COLLECTION = "/rest/enclosure-groups";

  private final ResourceReader<EnclosureGroup> reader;

  RealEnclosureGroupClient(OneViewApi api, Pager pager) {
    this.reader = new ResourceReader<>(api, pager, COLLECTION, EnclosureGroup::fromJson, EnclosureGroup::name);
  }

  @Override
  public List<EnclosureGroup> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<EnclosureGroup> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<EnclosureGroup> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public EnclosureGroup get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<EnclosureGroup> findByName(String name) {
    return reader.findByName(name);
  }
}
