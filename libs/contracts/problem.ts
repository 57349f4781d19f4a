/** RFC 9457 problem details, the one shape of every error the API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  /** The request's id (X-Request-Id): the same id is on its log line and its audit row. */
  requestId?: string;
  [extension: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
