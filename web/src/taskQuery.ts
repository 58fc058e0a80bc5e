/** What a task's page asks for (the page's first script too): the task with its process and the forms it draws, in one round trip. */
export const taskInFullPath = (id: string) => `/tasks/${id}/full`;
