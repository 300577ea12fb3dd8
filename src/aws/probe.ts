// The one request the tool sends to the API itself (the data plane), unsigned, to read
// API Gateway's own answer as evidence. Not an SDK call, so it has its own small port.

export interface ProbeRequest {
  readonly url: string;
  readonly method: string;
  readonly signal?: AbortSignal;
}

export type ProbeResult =
  | {
      readonly kind: 'response';
      /** The URL actually requested (rewritten to the local endpoint when AWS_ENDPOINT_URL is set). */
      readonly requestedUrl: string;
      readonly status: number;
      /** Lower-cased header names; only the ones worth showing (x-amzn-*, apigw-requestid, content-type). */
      readonly headers: Readonly<Record<string, string>>;
      /** At most a few KB of the body, as text. */
      readonly body: string;
      readonly elapsedMs: number;
    }
  | {
      readonly kind: 'failed';
      readonly requestedUrl: string;
      /** dns | refused | timeout | tls | reset | other */
      readonly reason: 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'other';
      readonly message: string;
    };

export interface ProbePort {
  probe(request: ProbeRequest): Promise<ProbeResult>;
}
