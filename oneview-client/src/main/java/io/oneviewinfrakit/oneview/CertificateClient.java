package io.oneviewinfrakit.oneview;

/**
 * The appliance certificates a State-Change Message Bus client needs ({@code /rest/certificates}):
 * the RabbitMQ client certificate and its key, and the appliance's internal CA.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s. Key material is never
 * logged, not even by the HTTP trace log.
 */
public interface CertificateClient {
  /** {@code errorCode} of the 409 answer when a client certificate already exists. */
  String CLIENT_CERTIFICATE_CONFLICT = "RABBITMQ_CLIENTCERT_CONFLICT";

  /**
   * Asks the appliance to issue the RabbitMQ client certificate {@code commonName} (type {@code
   * RabbitMqClientCertV2}, signed by the internal CA) and returns the task doing it.
   *
   * @throws OneViewException with HTTP status 409 and {@link #CLIENT_CERTIFICATE_CONFLICT} when a
   *     client certificate exists already (it stays valid: download it with {@link
   *     #rabbitMqKeyPair(String)}).
   */
  Task createRabbitMqClientCertificate(String commonName);

  /**
   * Downloads the client certificate {@code alias} and its private key ({@code GET
   * /rest/certificates/client/rabbitmq/keypair/{alias}}).
   *
   * @throws ResourceNotFoundException if no such certificate exists (create it first).
   */
  RabbitMqKeyPair rabbitMqKeyPair(String alias);

  /**
   * The appliance's internal CA certificate, PEM, which signs the message bus's server certificate:
   * {@code GET /rest/certificates/ca}, read as a PEM string below API 600 and as the {@code
   * certType:INTERNAL} member's {@code certificateDetails.base64Data} from API 600.
   *
   * @throws OneViewException if the appliance answers without a CA certificate.
   */
  String internalCaPem();
}
