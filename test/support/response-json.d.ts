// Test-only: response bodies are asserted with toMatchObject/toEqual, so let json() be loosely typed here.
declare global {
  interface Response {
    json(): Promise<any>;
  }
}
export {};
