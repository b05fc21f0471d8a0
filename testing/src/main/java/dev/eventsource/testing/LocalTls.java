package dev.eventsource.testing;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway self-signed certificate for 127.0.0.1 and {@code localhost}, made in memory with
 * OkHttp's {@link HeldCertificate} (an EC P-256 key, valid for two days): the server's key, and a
 * client side that trusts only this certificate. Nothing is written to disk and no tool is run.
 *
 * <p>Immutable and thread-safe; make one per test class, since generating a key takes a moment.
 */
public final class LocalTls {
  private final HandshakeCertificates server;
  private final HandshakeCertificates client;

  private LocalTls(HeldCertificate certificate) {
    this.server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    this.client =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(certificate.certificate())
            .build();
  }

  /**
   * Makes a new key and certificate.
   *
   * @return the server and client sides
   */
  public static LocalTls create() {
    return new LocalTls(
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("localhost")
            .ecdsa256()
            .duration(2, TimeUnit.DAYS)
            .build());
  }

  /**
   * The server side: a context whose key manager holds the certificate and its key.
   *
   * @return the context, for {@code RawServer.startTls} or {@code getSocketFactory()}
   */
  public SSLContext serverContext() {
    return server.sslContext();
  }

  /**
   * The client side: a context that trusts this certificate only.
   *
   * @return the context, for example for {@code HttpClient.Builder.sslContext}
   */
  public SSLContext clientContext() {
    return client.sslContext();
  }

  /**
   * The client's socket factory, for {@code OkHttpClient.Builder.sslSocketFactory} with {@link
   * #trustManager()}.
   *
   * @return the factory
   */
  public SSLSocketFactory clientSocketFactory() {
    return client.sslSocketFactory();
  }

  /**
   * The client's trust manager, which trusts this certificate only.
   *
   * @return the trust manager
   */
  public X509TrustManager trustManager() {
    return client.trustManager();
  }
}
