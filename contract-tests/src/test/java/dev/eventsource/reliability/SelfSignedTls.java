package dev.eventsource.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throwaway self-signed certificate for 127.0.0.1, made at test time with the running JDK's
 * {@code keytool} (the build has no certificate library): the server's key, and a client trust
 * store holding only this certificate.
 */
final class SelfSignedTls {
  private static final char[] PASSWORD = "password".toCharArray();

  final SSLContext serverContext;
  final SSLContext clientContext;
  final X509TrustManager trustManager;

  private SelfSignedTls(KeyStore keyStore) throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    X509TrustManager x509 = null;
    for (TrustManager manager : trust.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        x509 = (X509TrustManager) manager;
      }
    }
    if (x509 == null) {
      throw new GeneralSecurityException("no X509TrustManager");
    }
    trustManager = x509;
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, new TrustManager[] {trustManager}, null);
  }

  static SelfSignedTls create(Path directory) throws Exception {
    Path store = directory.resolve("reliability.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "reliability",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    new String(PASSWORD),
                    "-keypass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    return new SelfSignedTls(keyStore);
  }
}
