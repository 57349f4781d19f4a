/** Client-side copies of the API's validation rules (NewUserDto, CreateOrganisationDto, CreateBranchDto). */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const PASSWORD_MIN = 8;
export const CENTER_CODE = /^[A-Z]{2,6}$/;
export const REGION_CODE = /^\d{6}$/;
export const BRANCH_CODE = /^[A-Za-z0-9-]{1,32}$/;
