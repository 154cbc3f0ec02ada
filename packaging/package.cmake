# The Debian package, riaya_VERSION-RELEASE_amd64.deb (scripts/package runs cpack -G DEB): the
# server in /usr/bin, the web app in /usr/share/riaya/web, the configuration (a conffile), the
# systemd units and the maintainer scripts of packaging/. Destinations are relative to "/":
# `cmake --install` is not how Riaya is installed, the package is.
set(RIAYA_PACKAGE_RELEASE 1 CACHE STRING "Debian revision of the package (raise it to upgrade the same version)")
set(packaging ${CMAKE_SOURCE_DIR}/packaging)

install(TARGETS riaya RUNTIME DESTINATION usr/bin)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/web/dist/ DESTINATION usr/share/riaya/web)
install(FILES ${packaging}/riaya.conf DESTINATION etc/riaya PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${packaging}/riaya.service ${packaging}/riaya-backup.service ${packaging}/riaya-backup.timer
        DESTINATION lib/systemd/system)
install(PROGRAMS ${packaging}/riaya-backup DESTINATION usr/lib/riaya)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/OPERATIONS.md DESTINATION usr/share/doc/riaya)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME riaya)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Riaya maintainers <riaya@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "information system of a province's social welfare institutions")
set(CPACK_PACKAGE_DESCRIPTION
    "Riaya keeps the registry, diagnostic assessments, programmes and official documents of the social welfare institutions of a Moroccan province, in Arabic and French, as a web application served by one program over SQLite or PostgreSQL.")
set(CPACK_PACKAGING_INSTALL_PREFIX /)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${RIAYA_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Libraries found by dpkg-shlibdeps; the PDF fonts, useradd and runuser named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-hosny-amiri, fonts-noto-core, passwd, util-linux")
# riaya backup and restore on PostgreSQL call pg_dump and pg_restore.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client-15")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${packaging}/conffiles ${packaging}/postinst ${packaging}/prerm
                                      ${packaging}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
