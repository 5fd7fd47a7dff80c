/**
 * An S3-compatible server for integration tests (s3rver, from npm): started on a random port of
 * 127.0.0.1 with a temporary directory and one bucket, addressed path-style with s3rver's fixed
 * keys. Call `stop()` in afterAll (closes the server, removes the directory).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** A running test server: the S3_* environment that points at it, and how to stop it. */
export type TestS3Server = { env: Record<string, string>; stop: () => Promise<void> };

/** Starts s3rver with the bucket `bucket`. */
export async function startS3Server(bucket = "evidence"): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "meizhen-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: "us-east-1",
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
