/** The one error type that maps to HTTP: `{ error: { code, message, fields? } }`, message in Chinese. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, fields?: Record<string, string>, code = 'invalid_input') =>
  new ApiError(400, code, message, fields);
export const unauthorized = (message = '请先登录') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = '您没有权限进行这个操作') => new ApiError(403, 'forbidden', message);
export const notFound = (message = '找不到要访问的内容') => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string, fields?: Record<string, string>) =>
  new ApiError(409, code, message, fields);
